import type { Messages } from './zh-CN';

// The five product modules in English; same keys as zh-CN.modules.ts.
const modules: Messages['modules'] = {
  comingTitle: 'This module is being built',
  comingDesc: 'This is what the module will do once it is available. There is no demo data yet; it will be used right here when it ships.',
  plannedFeatures: 'Planned features',
  whoUses: 'Used by',
  factory: {
    title: 'Factory · Manufacturing execution',
    summary: 'For smart plants such as the Qijiang gear plant: connected equipment, production execution, quality and OEE, with every device and every unit traceable.',
    users: 'Plant managers, quality engineers, operators',
    features: [
      'Devices connect over MQTT (Sparkplug B or JSON), with online/offline state and last-seen time',
      'Telemetry stored and rolled up per minute; machine states with downtime reasons; MTBF / MTTR',
      'Products, routings (OP10…OP70), work orders and unit serials with an event at every operation',
      'Genealogy: everything that happened to one serial; every serial affected by a lot, tool or time window',
      'Inspections, first-pass yield and ppm, defect Pareto, hold and release, SPC charts with Cp/Cpk',
      'OEE (availability × performance × quality) per line, shift and day, with the six big losses',
      'Andon and alarms: raised → acknowledged → resolved, live; packing, AGV transfers and warehouse receipt',
      'Shift reports on screen and in Excel, and a plant overview wall screen',
    ],
  },
  labor: {
    title: 'Labour cooperation · Chengkou–Linyi',
    summary: "A shared database of enterprises' labour demand and of workers' employment needs, tracking every registered-poor worker's employment and matching them to jobs.",
    users: 'Labour caseworkers, enterprise HR, collaboration officers',
    features: [
      'Worker records with encrypted identity data, home region down to the village, registered-poor and monitoring flags',
      'Education, skills (national occupation codes), certificates, employment status history and job wishes',
      'Enterprise labour demand: occupation, headcount, wages, work region, housing, meals and transport subsidy',
      'Cross-region sharing between Chengkou and Linyi, with personal data masked unless the worker consented',
      'Ranked recommendations both ways with explanations; batch allocation for job fairs (stable and optimal)',
      'Referral workflow from recommended to started; a placement updates the worker and the posting',
      'Follow-ups at 1, 3, 6 and 12 months, retention rates, and an alert when a registered-poor worker loses a job',
      'Skills training, employment-assistance workshops and public-welfare posts',
    ],
  },
  talent: {
    title: 'Talent collaboration · East–West',
    summary: 'Cadre secondments, professionals sent both ways, paired schools and hospitals, and order-based expert dispatch between Linyi and Chengkou.',
    users: 'Collaboration officers, hospital and school managers, experts',
    features: [
      'The partnership and its annual work plan: items, responsible units, deadlines and progress',
      'Two-way cadre secondments: home unit, host unit, post, term and reports',
      'Professionals dispatched by sector: education, health, agriculture and more',
      'School–school and hospital–hospital pairings with agreements and activities',
      'Order-based dispatch: the host posts a demand list; the partner matches experts and issues dispatch orders',
      'Mentoring: mentor and mentees, goals, logs and outcomes',
      'Lectures, open classes, trainings and consultations with participant counts',
      'Statistics by year, direction and sector, exportable',
    ],
  },
  park: {
    title: 'Industrial park · Investment and smart retrofits',
    summary: 'For the Qijiang industrial park: the enterprise registry, the investment pipeline, idle plant space, and smart-factory and digital-workshop certification.',
    users: 'Park officers, the park administration, enterprises',
    features: [
      'Enterprise registry: industry, scale, products and certifications',
      'Investment projects: lead → negotiating → signed → construction → production, amounts in 100 million yuan',
      'Signing, ground-breaking and start-of-production ceremony batches',
      'Idle plant space inventory and leasing, with the area brought back to use',
      'Smart-retrofit projects and municipal smart-factory / digital-workshop reviews',
      'Park KPI dashboard: projects, investment, area revived',
    ],
  },
  trade: {
    title: 'Industrial trade · B2B marketplace',
    summary: "Online trade in gears, new-energy-vehicle parts and transport aluminium, connected to the plants' production and quality data.",
    users: 'Buyers, suppliers, enterprises',
    features: [
      'Typed product attributes: gears (module, teeth, material, precision grade), aluminium (alloy, temper, form incl. molten)',
      'RFQ → quotes → award → order, with order milestones',
      'An order can become a factory work order; the buyer follows its progress',
      "Each delivery carries a quality certificate built from the units' inspection data",
      'Long-term supply agreements (e.g. molten aluminium, t/month, price formula) with the saving shown',
    ],
  },
};

export default modules;
