/** The certification kinds and their review checklists: plain data without zod, so the web can import it (`@gearbridge/contracts/park/checklists`). */
export const CERTIFICATION_KINDS = ['smart_factory', 'digital_workshop'] as const;

/**
 * The review checklists, item codes with their maximum scores (each adds up to 100) and the score a certificate
 * needs. Modelled on the kind of criteria municipal smart-factory and digital-workshop schemes use; the items,
 * weights and pass marks here are the platform's own, not an official scheme's.
 */
export const CHECKLISTS: Record<(typeof CERTIFICATION_KINDS)[number], { pass: number; items: readonly { code: string; max: number }[] }> = {
  smart_factory: {
    pass: 80,
    items: [
      { code: 'planning', max: 10 },
      { code: 'equipment', max: 15 },
      { code: 'connectivity', max: 15 },
      { code: 'mes', max: 15 },
      { code: 'quality', max: 15 },
      { code: 'logistics', max: 10 },
      { code: 'security', max: 5 },
      { code: 'benefits', max: 15 },
    ],
  },
  digital_workshop: {
    pass: 75,
    items: [
      { code: 'equipment', max: 20 },
      { code: 'connectivity', max: 20 },
      { code: 'mes', max: 20 },
      { code: 'quality', max: 15 },
      { code: 'logistics', max: 10 },
      { code: 'benefits', max: 15 },
    ],
  },
};
