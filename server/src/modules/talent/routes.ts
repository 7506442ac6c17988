import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FollowUpInput,
  Plan,
  PlanInput,
  PlanItem,
  PlanItemInput,
  PlanItemPage,
  PlanItemPatch,
  PlanItemQuery,
  PlanNoteInput,
  PlanReopenInput,
  PlanQuery,
  Visit,
  VisitInput,
  VisitPatch,
  VisitPage,
  VisitQuery,
  MentoringLogInput,
  Mentorship,
  MentorshipInput,
  MentorshipPage,
  MentorshipQuery,
  CollabStats,
  CollabStatsQuery,
  QuarterReportQuery,
  Activity,
  ActivityInput,
  ActivityPage,
  ActivityQuery,
  Outcome,
  OutcomeInput,
  OutcomePage,
  OutcomeQuery,
  PublicActivity,
  SignIn,
  SignInInput,
  SignInResult,
  SignInToken,
  AgreementInput,
  CandidateQuery,
  Demand,
  DemandCandidate,
  DemandInput,
  DemandPage,
  DemandQuery,
  Dispatch,
  DispatchDecision,
  DispatchInput,
  DispatchPage,
  DispatchQuery,
  ExchangeCounts,
  ExchangeQuery,
  Pairing,
  PairingInput,
  PairingPage,
  PairingQuery,
  Partnership,
  Person,
  PersonInput,
  PersonPage,
  PersonPatch,
  PersonQuery,
  PersonRevealInput,
  Programme,
  Secondment,
  SecondmentInput,
  SecondmentPage,
  SecondmentPatch,
  SecondmentQuery,
  SecondmentReport,
  SecondmentReportInput,
  TalentOrg,
} from '@gearbridge/contracts/talent';
import { IdParams } from '@gearbridge/contracts/common';
import { RevealResult } from '@gearbridge/contracts/identity';
import { actorOf } from '../../platform/http/app';
import { toXlsx } from '../../platform/excel/workbook';
import { sendXlsx } from '../../platform/excel/send';
import {
  activityColumns,
  demandColumns,
  dispatchColumns,
  mentorshipColumns,
  outcomeColumns,
  pairingColumns,
  personColumns,
  planItemColumns,
  reportColumns,
  secondmentColumns,
  signInColumns,
  visitColumns,
} from './exports';
import bwipjs from 'bwip-js';
import { requirePermission } from '../../platform/authz';
import { forbidden } from '../../platform/errors';
import { m } from './messages';
import * as partnership from './partnership.service';
import * as people from './people.service';
import * as secondments from './secondments.service';
import * as pairings from './pairings.service';
import * as dispatch from './dispatch.service';
import * as activities from './activities.service';
import * as mentoring from './mentoring.service';
import * as plans from './plans.service';
import { exchangeCounts } from './stats.service';
import { collabStats } from './collab-stats.service';
import { quarterlyReport } from './quarterly-report';
import { TP } from './permissions';
import type { ModuleContext } from './db';

const Lang = z.object({ lang: z.enum(['zh', 'en']).default('zh') });
/** An export is a list a person keeps, not a data dump. */
const EXPORT_MAX = 50_000;

/**
 * The talent API under /api/talent. Permissions: talent.read (lists and details of the own side and of the paired
 * region), talent.edit (the own side's people, secondments, reports, pairings), talent.reveal (clear ID number or
 * phone of the own side's people, audited). Scopes are applied in SQL (docs/talent.md, "Who sees and edits what").
 */
export async function talentRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = ctx;
  const tags = ['talent'];

  // ---- the partnership: reference data every talent reader sees ---------------------------------------
  app.get('/talent/partnerships', { schema: { tags, summary: 'The paired regions (talent.read)', response: { 200: z.array(Partnership) } } }, async (req) => {
    requirePermission(actorOf(req), TP.read);
    return partnership.listPartnerships(db);
  });
  app.get('/talent/programmes', { schema: { tags, summary: 'The named programmes records belong to (talent.read)', response: { 200: z.array(Programme) } } }, async (req) => {
    requirePermission(actorOf(req), TP.read);
    return partnership.listProgrammes(db);
  });
  app.get(
    '/talent/orgs',
    { schema: { tags, summary: 'Organisations of both sides the actor reads, those it edits for marked (talent.read)', response: { 200: z.array(TalentOrg) } } },
    async (req) => partnership.listTalentOrgs(db, actorOf(req)),
  );
  app.get(
    '/talent/stats/exchanges',
    {
      schema: {
        tags,
        summary: 'Cadres seconded and professionals sent per direction, counted from the records (talent.read)',
        querystring: ExchangeQuery,
        response: { 200: ExchangeCounts },
      },
    },
    async (req) => exchangeCounts(db, actorOf(req), req.query.fromYear, req.query.toYear),
  );

  app.get(
    '/talent/stats/collab',
    {
      schema: {
        tags,
        summary: 'Terms, dispatches, lectures, open classes, people trained and mentored by year, direction and sector, from the records (talent.read)',
        querystring: CollabStatsQuery,
        response: { 200: CollabStats },
      },
    },
    async (req) => collabStats(db, actorOf(req), req.query.fromYear, req.query.toYear),
  );
  app.get(
    '/talent/stats/quarterly',
    {
      schema: { tags, summary: "The county's quarterly report as Excel: quarter, year to date and since the start, per direction (talent.read)", querystring: QuarterReportQuery },
    },
    async (req, reply) => {
      const { year, quarter, lang } = req.query;
      const zh = lang === 'zh';
      return sendXlsx(
        reply,
        `talent-${year}-q${quarter}`,
        zh ? `人才交流统计-${year}年第${quarter}季度` : `talent-${year}-Q${quarter}`,
        await quarterlyReport(db, actorOf(req), year, quarter, zh),
      );
    },
  );

  // ---- people -----------------------------------------------------------------------------------------
  app.get(
    '/talent/people',
    { schema: { tags, summary: "People of the own side and the partner's (talent.read); ID number and phone masked", querystring: PersonQuery, response: { 200: PersonPage } } },
    async (req) => {
      const { items, total } = await people.listPeople(db, actorOf(req), cipher, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/people/export',
    { schema: { tags, summary: 'Excel export of the filtered list (masked)', querystring: PersonQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await people.listPeople(db, actorOf(req), cipher, { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'talent-people', zh ? '人才库' : 'people', await toXlsx(zh ? '人才库' : 'People', personColumns(zh), items));
    },
  );
  app.get('/talent/people/:id', { schema: { tags, params: IdParams, response: { 200: Person } } }, async (req) => people.getPerson(db, actorOf(req), req.params.id));
  app.post(
    '/talent/people',
    {
      schema: {
        tags,
        summary: 'Register a cadre or professional (talent.edit over the owner); 409 when the ID number is registered',
        body: PersonInput,
        response: { 201: Person },
      },
    },
    async (req, reply) => reply.status(201).send(await people.createPerson(db, actorOf(req), cipher, req.body)),
  );
  app.patch(
    '/talent/people/:id',
    { schema: { tags, summary: "Edit a person (talent.edit over the owner; the partner's are read-only)", params: IdParams, body: PersonPatch, response: { 200: Person } } },
    async (req) => people.updatePerson(db, actorOf(req), cipher, req.params.id, req.body),
  );
  app.post(
    '/talent/people/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Reveal the clear ID number or phone (talent.reveal over the owner; audited)',
        params: IdParams,
        body: PersonRevealInput,
        response: { 200: RevealResult },
      },
    },
    async (req) => ({ field: req.body.field, value: await people.revealPerson(db, actorOf(req), cipher, req.params.id, req.body.field) }),
  );

  // ---- secondments ------------------------------------------------------------------------------------
  app.get(
    '/talent/secondments',
    {
      schema: {
        tags,
        summary: 'Secondments both ways (talent.read); endingWithin=30 lists terms under way that end within 30 days',
        querystring: SecondmentQuery,
        response: { 200: SecondmentPage },
      },
    },
    async (req) => {
      const { items, total } = await secondments.listSecondments(db, actorOf(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/secondments/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: SecondmentQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await secondments.listSecondments(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'secondments', zh ? '挂职' : 'secondments', await toXlsx(zh ? '挂职' : 'Secondments', secondmentColumns(zh), items));
    },
  );
  app.get('/talent/secondments/:id', { schema: { tags, params: IdParams, response: { 200: Secondment } } }, async (req) =>
    secondments.getSecondment(db, actorOf(req), req.params.id),
  );
  app.post(
    '/talent/secondments',
    {
      schema: {
        tags,
        summary: "Record a term (talent.edit over the person's owner); 409 with field errors when it overlaps another",
        body: SecondmentInput,
        response: { 201: Secondment },
      },
    },
    async (req, reply) => reply.status(201).send(await secondments.createSecondment(db, actorOf(req), req.body)),
  );
  app.patch(
    '/talent/secondments/:id',
    { schema: { tags, summary: 'Change a term (the owning side; talent.edit)', params: IdParams, body: SecondmentPatch, response: { 200: Secondment } } },
    async (req) => secondments.updateSecondment(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/talent/secondments/:id/reports',
    { schema: { tags, summary: 'Reports during the term, oldest first (talent.read)', params: IdParams, response: { 200: z.array(SecondmentReport) } } },
    async (req) => secondments.listReports(db, actorOf(req), req.params.id),
  );
  app.get(
    '/talent/secondments/:id/reports/export',
    { schema: { tags, summary: "Excel of a term's reports (talent.read)", params: IdParams, querystring: Lang } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const items = await secondments.listReports(db, actorOf(req), req.params.id);
      return sendXlsx(reply, 'secondment-reports', zh ? '挂职报告' : 'secondment-reports', await toXlsx(zh ? '挂职报告' : 'Reports', reportColumns(zh), items));
    },
  );
  app.post(
    '/talent/secondments/:id/reports',
    {
      schema: {
        tags,
        summary: 'File a report (talent.edit over the sending or the host unit)',
        params: IdParams,
        body: SecondmentReportInput,
        response: { 201: SecondmentReport },
      },
    },
    async (req, reply) => reply.status(201).send(await secondments.addReport(db, actorOf(req), req.params.id, req.body)),
  );

  // ---- institution pairings ---------------------------------------------------------------------------
  app.get(
    '/talent/pairings',
    { schema: { tags, summary: 'School and hospital pairings with their agreements (talent.read)', querystring: PairingQuery, response: { 200: PairingPage } } },
    async (req) => {
      const { items, total } = await pairings.listPairings(db, actorOf(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/pairings/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: PairingQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await pairings.listPairings(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'pairings', zh ? '结对共建' : 'pairings', await toXlsx(zh ? '结对共建' : 'Pairings', pairingColumns(zh), items));
    },
  );
  app.get('/talent/pairings/:id', { schema: { tags, params: IdParams, response: { 200: Pairing } } }, async (req) => pairings.getPairing(db, actorOf(req), req.params.id));
  app.post(
    '/talent/pairings',
    { schema: { tags, summary: 'Record a pairing (talent.edit over either institution)', body: PairingInput, response: { 201: Pairing } } },
    async (req, reply) => reply.status(201).send(await pairings.createPairing(db, actorOf(req), req.body)),
  );
  app.post(
    '/talent/pairings/:id/agreements',
    { schema: { tags, summary: 'Add an agreement to a pairing (talent.edit over either institution)', params: IdParams, body: AgreementInput, response: { 201: Pairing } } },
    async (req, reply) => reply.status(201).send(await pairings.addAgreement(db, actorOf(req), req.params.id, req.body)),
  );

  // ---- order-based dispatch (订单式选派) -----------------------------------------------------------------
  app.get(
    '/talent/demands',
    { schema: { tags, summary: 'Demand lists with their fulfilment (talent.read)', querystring: DemandQuery, response: { 200: DemandPage } } },
    async (req) => {
      const { items, total } = await dispatch.listDemands(db, actorOf(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/demands/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: DemandQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await dispatch.listDemands(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'demands', zh ? '需求清单' : 'demands', await toXlsx(zh ? '需求清单' : 'Demands', demandColumns(zh), items));
    },
  );
  app.get('/talent/demands/:id', { schema: { tags, params: IdParams, response: { 200: Demand } } }, async (req) => dispatch.getDemand(db, actorOf(req), req.params.id));
  app.post(
    '/talent/demands',
    { schema: { tags, summary: 'Post a demand (talent.edit over the host institution)', body: DemandInput, response: { 201: Demand } } },
    async (req, reply) => reply.status(201).send(await dispatch.createDemand(db, actorOf(req), req.body)),
  );
  app.get(
    '/talent/demands/:id/candidates',
    {
      schema: {
        tags,
        summary: "The partner side's professionals ranked for a demand, each score explained (talent.read)",
        params: IdParams,
        querystring: CandidateQuery,
        response: { 200: z.array(DemandCandidate) },
      },
    },
    async (req) => dispatch.rankCandidates(db, actorOf(req), req.params.id, req.query.limit),
  );
  app.post(
    '/talent/demands/:id/dispatches',
    {
      schema: {
        tags,
        summary: "Issue a dispatch order for one of the own side's professionals (talent.edit over the person)",
        params: IdParams,
        body: DispatchInput,
        response: { 201: Dispatch },
      },
    },
    async (req, reply) => reply.status(201).send(await dispatch.issueDispatch(db, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/talent/dispatches',
    { schema: { tags, summary: 'Dispatch orders, pending first (talent.read)', querystring: DispatchQuery, response: { 200: DispatchPage } } },
    async (req) => {
      const { items, total } = await dispatch.listDispatches(db, actorOf(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/dispatches/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: DispatchQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await dispatch.listDispatches(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'dispatches', zh ? '选派' : 'dispatches', await toXlsx(zh ? '选派' : 'Dispatches', dispatchColumns(zh), items));
    },
  );
  app.post(
    '/talent/dispatches/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or decline an order (talent.approve over the sending unit, not its issuer; audited); an approval records the term',
        params: IdParams,
        body: DispatchDecision,
        response: { 200: Dispatch },
      },
    },
    async (req) => dispatch.decideDispatch(db, actorOf(req), req.params.id, req.body),
  );

  // ---- activities, sign-ins and outcomes ----------------------------------------------------------------
  app.get(
    '/talent/activities',
    { schema: { tags, summary: 'Lectures, open classes, trainings … with their sign-in counts (talent.read)', querystring: ActivityQuery, response: { 200: ActivityPage } } },
    async (req) => {
      const { items, total } = await activities.listActivities(db, actorOf(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/activities/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: ActivityQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await activities.listActivities(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'activities', zh ? '活动' : 'activities', await toXlsx(zh ? '活动' : 'Activities', activityColumns(zh), items));
    },
  );
  app.get('/talent/activities/:id', { schema: { tags, params: IdParams, response: { 200: Activity } } }, async (req) => activities.getActivity(db, actorOf(req), req.params.id));
  app.post(
    '/talent/activities',
    { schema: { tags, summary: 'Record an activity (talent.edit over the keeping organisation); it gets its QR sign-in code', body: ActivityInput, response: { 201: Activity } } },
    async (req, reply) => reply.status(201).send(await activities.createActivity(db, actorOf(req), req.body)),
  );
  app.get(
    '/talent/activities/:id/signins',
    { schema: { tags, summary: 'Who signed in, phones masked (the keeping side)', params: IdParams, response: { 200: z.array(SignIn) } } },
    async (req) => activities.listSignIns(db, actorOf(req), req.params.id),
  );
  app.get(
    '/talent/activities/:id/signins/export',
    { schema: { tags, summary: 'Excel of who signed in, phones masked (the keeping side)', params: IdParams, querystring: Lang } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const items = await activities.listSignIns(db, actorOf(req), req.params.id);
      return sendXlsx(reply, 'signins', zh ? '签到名单' : 'sign-ins', await toXlsx(zh ? '签到名单' : 'Sign-ins', signInColumns(zh), items));
    },
  );
  app.get(
    '/talent/activities/:id/qr.svg',
    { schema: { tags, summary: 'The QR code (SVG) of the public sign-in page (the keeping side: talent.edit over it)', params: IdParams } },
    async (req, reply) => {
      const a = await activities.getActivity(db, actorOf(req), req.params.id);
      if (!a.signInToken) throw forbidden(m('talent.activity.signins_own_side'));
      const svg = bwipjs.toSVG({ bcid: 'qrcode', text: `${req.protocol}://${req.host}/signin/${a.signInToken}`, scale: 4, paddingwidth: 8, paddingheight: 8 });
      return reply.type('image/svg+xml').header('content-disposition', 'inline').send(svg);
    },
  );
  app.get(
    '/talent/public/signin/:token',
    {
      config: { public: true },
      schema: { tags, summary: 'The public sign-in page: the activity and whether sign-in is open (no session)', params: SignInToken, response: { 200: PublicActivity } },
    },
    async (req) => activities.publicActivity(db, req.params.token),
  );
  app.post(
    '/talent/public/signin/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in without an account: name, unit, phone; once per phone; 429 past the rate limits, 409 outside the window',
        params: SignInToken,
        body: SignInInput,
        response: { 200: SignInResult },
      },
    },
    async (req) => activities.signIn(db, cipher, req.params.token, req.body, req.ip),
  );
  app.get(
    '/talent/outcomes',
    { schema: { tags, summary: 'What the collaboration built or won (talent.read)', querystring: OutcomeQuery, response: { 200: OutcomePage } } },
    async (req) => {
      const { items, total } = await activities.listOutcomes(db, actorOf(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/outcomes/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: OutcomeQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await activities.listOutcomes(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'outcomes', zh ? '成果' : 'outcomes', await toXlsx(zh ? '成果' : 'Outcomes', outcomeColumns(zh), items));
    },
  );
  app.post(
    '/talent/outcomes',
    { schema: { tags, summary: 'Record an outcome (talent.edit over the organisation)', body: OutcomeInput, response: { 201: Outcome } } },
    async (req, reply) => reply.status(201).send(await activities.createOutcome(db, actorOf(req), req.body)),
  );

  // ---- mentoring (传帮带) --------------------------------------------------------------------------------
  app.get(
    '/talent/mentorships',
    { schema: { tags, summary: 'Mentors with their mentees, logs and outcomes (talent.read)', querystring: MentorshipQuery, response: { 200: MentorshipPage } } },
    async (req) => {
      const { items, total } = await mentoring.listMentorships(db, actorOf(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/mentorships/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: MentorshipQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await mentoring.listMentorships(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'mentoring', zh ? '传帮带' : 'mentoring', await toXlsx(zh ? '传帮带' : 'Mentoring', mentorshipColumns(zh), items));
    },
  );
  app.post(
    '/talent/mentorships',
    { schema: { tags, summary: 'Record a mentor with mentees (talent.edit over the keeping organisation)', body: MentorshipInput, response: { 201: Mentorship } } },
    async (req, reply) => reply.status(201).send(await mentoring.createMentorship(db, actorOf(req), req.body)),
  );
  app.post(
    '/talent/mentorships/:id/logs',
    { schema: { tags, summary: 'Add a progress log (the keeping side)', params: IdParams, body: MentoringLogInput, response: { 201: Mentorship } } },
    async (req, reply) => reply.status(201).send(await mentoring.addMentoringLog(db, actorOf(req), req.params.id, req.body)),
  );

  // ---- the annual plan (年度工作计划), visits and joint meetings ------------------------------------------------
  app.get(
    '/talent/plans',
    { schema: { tags, summary: "The partnerships' annual plans with their item counts (talent.read)", querystring: PlanQuery, response: { 200: z.array(Plan) } } },
    async (req) => plans.listPlans(db, actorOf(req), req.query.year),
  );
  app.post(
    '/talent/plans',
    {
      schema: {
        tags,
        summary: "Draw up the year's plan of a partnership (talent.edit over the keeping organisation); 409 when it exists",
        body: PlanInput,
        response: { 201: Plan },
      },
    },
    async (req, reply) => reply.status(201).send(await plans.createPlan(db, actorOf(req), req.body)),
  );
  app.post(
    '/talent/plans/:id/close',
    {
      schema: {
        tags,
        summary: "Close the year's plan (talent.edit over the keeping organisation): its items read-only; 409 when closed already",
        params: IdParams,
        response: { 200: Plan },
      },
    },
    async (req) => plans.closePlan(db, actorOf(req), req.params.id),
  );
  app.post(
    '/talent/plans/:id/reopen',
    {
      schema: { tags, summary: 'Reopen a closed plan with a reason (the keeping side); 409 when it is open', params: IdParams, body: PlanReopenInput, response: { 200: Plan } },
    },
    async (req) => plans.reopenPlan(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/talent/plans/:id/items',
    {
      schema: {
        tags,
        summary: 'Add an item (talent.edit over its lead unit); responsible units of either side',
        params: IdParams,
        body: PlanItemInput,
        response: { 201: PlanItem },
      },
    },
    async (req, reply) => reply.status(201).send(await plans.createPlanItem(db, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/talent/plan-items',
    {
      schema: {
        tags,
        summary: 'Plan items with units, status, overdue flag, progress notes and follow-ups (talent.read)',
        querystring: PlanItemQuery,
        response: { 200: PlanItemPage },
      },
    },
    async (req) => {
      const { items, total } = await plans.listPlanItems(db, actorOf(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/plan-items/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: PlanItemQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await plans.listPlanItems(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'plan', zh ? '年度工作计划' : 'annual-plan', await toXlsx(zh ? '年度工作计划' : 'Annual plan', planItemColumns(zh), items));
    },
  );
  app.get('/talent/plan-items/:id', { schema: { tags, params: IdParams, response: { 200: PlanItem } } }, async (req) => plans.getPlanItem(db, actorOf(req), req.params.id));
  app.patch(
    '/talent/plan-items/:id',
    { schema: { tags, summary: "Change an item or its status (the lead unit's side)", params: IdParams, body: PlanItemPatch, response: { 200: PlanItem } } },
    async (req) => plans.updatePlanItem(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/talent/plan-items/:id/notes',
    {
      schema: {
        tags,
        summary: "Add a dated progress note (a responsible unit's side); the lead's side may set the status with it",
        params: IdParams,
        body: PlanNoteInput,
        response: { 201: PlanItem },
      },
    },
    async (req, reply) => reply.status(201).send(await plans.addPlanNote(db, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/talent/visits',
    { schema: { tags, summary: 'Leadership visits and joint meetings with their follow-ups (talent.read)', querystring: VisitQuery, response: { 200: VisitPage } } },
    async (req) => {
      const { items, total } = await plans.listVisits(db, actorOf(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/talent/visits/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: VisitQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await plans.listVisits(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'visits', zh ? '互访与会议' : 'visits', await toXlsx(zh ? '互访与会议' : 'Visits and meetings', visitColumns(zh), items));
    },
  );
  app.post(
    '/talent/visits',
    {
      schema: {
        tags,
        summary: 'Record a visit or joint meeting with its follow-ups on plan items (talent.edit over the keeping organisation)',
        body: VisitInput,
        response: { 201: Visit },
      },
    },
    async (req, reply) => reply.status(201).send(await plans.createVisit(db, actorOf(req), req.body)),
  );
  app.patch(
    '/talent/visits/:id',
    { schema: { tags, summary: "Correct a visit's or meeting's text and dates (the keeping side)", params: IdParams, body: VisitPatch, response: { 200: Visit } } },
    async (req) => plans.updateVisit(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/talent/visits/:id/follow-ups',
    { schema: { tags, summary: 'Add a follow-up on a plan item (the keeping side)', params: IdParams, body: FollowUpInput, response: { 201: Visit } } },
    async (req, reply) => reply.status(201).send(await plans.addFollowUp(db, actorOf(req), req.params.id, req.body)),
  );
}
