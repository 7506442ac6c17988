import { randomBytes } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import type { Activity, ActivityInput, ActivityQuery, Outcome, OutcomeInput, OutcomeQuery, PublicActivity, SignIn, SignInInput, SignInResult } from '@gearbridge/contracts/talent';
import { orgInScopeSql, requireInScope, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { lockKey, paged } from '../../platform/db';
import { forbidden, invalid, notFound, conflict, rateLimited } from '../../platform/errors';
import { maskPhone, type FieldCipher } from '../../platform/pii';
import { loadPartnerships, ownSql, readScope, sideOf } from './partnership.service';
import { hashes } from './people.service';
import { TP } from './permissions';
import type { DB, Tx } from './db';
import { m, type Msg } from './messages';

/**
 * Activities (lectures, open classes, trainings, consultations, surgeries) under a programme, a pairing or a
 * dispatch, counted from their sign-ins; a QR code opens the public sign-in page (no account: name, unit, phone;
 * one sign-in per phone per activity; rate-limited; only while the activity's window is open). Outcomes: what the
 * collaboration built or won (docs/talent.md, "Activities and outcomes").
 */

type FieldErrors = Record<string, Msg>;
const fail = (errors: FieldErrors) => invalid(m('talent.field.invalid', { fields: Object.keys(errors).join(', ') }), errors);
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Sign-in opens this long before the start and closes this long after the end. */
export const SIGNIN_MARGIN_MINUTES = 30;
/** Public sign-in attempts allowed per client address and per activity within a window (talent_signin_attempts). */
export const SIGNIN_LIMITS = { address: { limit: 30, seconds: 60 }, activity: { limit: 300, seconds: 60 } } as const;
/**
 * An activity's sign-in window spans at most this many days (a training course of some weeks), and takes at most
 * MAX_SIGNINS sign-ins (a hall's worth; more answers 409): the public page cannot grow a table without end.
 */
export const MAX_ACTIVITY_DAYS = 31;
export const MAX_SIGNINS = 2_000;
/** The phone's associated data: a ciphertext moved to another column fails to decrypt. */
const SIGNIN_PHONE = 'talent_signins.phone';

function activityQuery(db: Tx, actor: Actor) {
  return db
    .selectFrom('talent_activities as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('talent_people as sp', 'sp.id', 'a.speaker_id')
    .leftJoin('talent_programmes as g', 'g.id', 'a.programme_id')
    .select([
      'a.id',
      'a.org_id',
      'o.name as org_name',
      'o.region_code as org_region_code',
      'a.kind',
      'a.title',
      'a.sector',
      'a.direction',
      'a.venue',
      'a.starts_at',
      'a.ends_at',
      'a.speaker_id',
      'sp.name as speaker_name',
      'g.name as programme_name',
      'a.pairing_id',
      'a.dispatch_id',
      'a.signin_token',
      'a.note',
      ownSql(actor, TP.read, 'o').as('own'),
      ownSql(actor, TP.edit, 'o').as('editable'),
      sql<number>`(select count(*) from talent_signins s where s.activity_id = a.id)::int`.as('signin_count'),
    ]);
}
type ActivityRow = Awaited<ReturnType<ReturnType<typeof activityQuery>['executeTakeFirstOrThrow']>>;

const toActivity = (r: ActivityRow): Activity => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  access: r.own ? 'own' : 'partner',
  kind: r.kind,
  title: r.title,
  sector: r.sector,
  direction: r.direction,
  venue: r.venue,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  speakerId: r.speaker_id,
  speakerName: r.speaker_name,
  programmeName: r.programme_name,
  pairingId: r.pairing_id,
  dispatchId: r.dispatch_id,
  signInCount: r.signin_count,
  signInToken: r.editable ? r.signin_token : null,
  note: r.note,
});

export async function listActivities(db: DB, actor: Actor, f: ActivityQuery): Promise<{ items: Activity[]; total: number }> {
  const scope = await readScope(db, actor);
  let q = activityQuery(db, actor).where(orgInScopeSql(scope, 'o'));
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.direction) q = q.where('a.direction', '=', f.direction);
  if (f.sector) q = q.where('a.sector', '=', f.sector);
  if (f.pairingId) q = q.where('a.pairing_id', '=', f.pairingId);
  if (f.year) q = q.where(sql<SqlBool>`extract(year from a.starts_at at time zone 'Asia/Shanghai') = ${f.year}`);
  if (f.q) q = q.where(sql<SqlBool>`(a.title like ${like(f.q)} or a.venue like ${like(f.q)} or o.name like ${like(f.q)} or sp.name like ${like(f.q)})`);
  const { rows, total } = await paged(q, f, (b) => b.orderBy('a.starts_at', 'desc').orderBy('a.id'));
  return { items: rows.map(toActivity), total };
}

async function loadActivity(db: Tx, actor: Actor, id: string) {
  const scope = await readScope(db, actor);
  const row = await activityQuery(db, actor).select(orgInScopeSql(scope, 'o').as('readable')).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('talent.activity.not_found'));
  if (!row.readable) throw forbidden(m('talent.activity.out_of_scope'));
  return row;
}

export const getActivity = async (db: Tx, actor: Actor, id: string) => toActivity(await loadActivity(db, actor, id));

/**
 * Checks each linked record (a field error each): it must exist and the actor must read it — a speaker, a pairing
 * or a dispatch outside the actor's reach is as unknown as one that does not exist, and its name never comes back.
 * An outcome's mentorship must be its own organisation's.
 */
async function checkLinks(
  db: Tx,
  actor: Actor,
  v: { speakerId?: string | null; programmeId?: string | null; pairingId?: string | null; dispatchId?: string | null; mentorshipId?: string | null },
  errors: FieldErrors,
  ownerOrgId: string,
) {
  const scope = await readScope(db, actor);
  const unknown = (field: string) => {
    errors[field] = m('talent.activity.field_unknown_link');
  };
  if (v.speakerId) {
    const r = await db
      .selectFrom('talent_people as p')
      .innerJoin('organisations as o', 'o.id', 'p.org_id')
      .select(orgInScopeSql(scope, 'o').as('readable'))
      .where('p.id', '=', v.speakerId)
      .executeTakeFirst();
    if (!r?.readable) unknown('speakerId');
  }
  if (v.programmeId && !(await db.selectFrom('talent_programmes').select('id').where('id', '=', v.programmeId).executeTakeFirst())) unknown('programmeId');
  if (v.pairingId) {
    const r = await db
      .selectFrom('talent_pairings as x')
      .innerJoin('organisations as w', 'w.id', 'x.west_org_id')
      .innerJoin('organisations as e', 'e.id', 'x.east_org_id')
      .select(sql<boolean>`(${orgInScopeSql(scope, 'w')} or ${orgInScopeSql(scope, 'e')})`.as('readable'))
      .where('x.id', '=', v.pairingId)
      .executeTakeFirst();
    if (!r?.readable) unknown('pairingId');
  }
  if (v.dispatchId) {
    const r = await db
      .selectFrom('talent_dispatches as x')
      .innerJoin('talent_demands as d', 'd.id', 'x.demand_id')
      .innerJoin('organisations as h', 'h.id', 'd.org_id')
      .innerJoin('organisations as o', 'o.id', 'x.org_id')
      .select(sql<boolean>`(${orgInScopeSql(scope, 'h')} or ${orgInScopeSql(scope, 'o')})`.as('readable'))
      .where('x.id', '=', v.dispatchId)
      .executeTakeFirst();
    if (!r?.readable) unknown('dispatchId');
  }
  if (v.mentorshipId) {
    const r = await db.selectFrom('talent_mentorships').select('org_id').where('id', '=', v.mentorshipId).executeTakeFirst();
    if (r?.org_id !== ownerOrgId) unknown('mentorshipId');
  }
}

/** The organisation a new record belongs to, which the actor must edit for (403 otherwise; 400 when unknown). */
export async function ownOrg(db: Tx, actor: Actor, orgId: string) {
  const org = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw invalid(m('talent.org.unknown'), { orgId: m('talent.org.field_unknown') });
  requireInScope(actor, TP.edit, { id: org.id, regionCode: org.region_code });
  return org;
}

export async function createActivity(db: DB, actor: Actor, input: ActivityInput): Promise<Activity> {
  const org = await ownOrg(db, actor, input.orgId ?? actor.orgId);
  const errors: FieldErrors = {};
  if (!sideOf(await loadPartnerships(db), org.region_code)) errors.orgId = m('talent.org.field_not_in_partnership');
  if (Date.parse(input.endsAt) <= Date.parse(input.startsAt)) errors.endsAt = m('talent.activity.field_ends_after_start');
  else if (Date.parse(input.endsAt) - Date.parse(input.startsAt) > MAX_ACTIVITY_DAYS * 86_400_000) errors.endsAt = m('talent.activity.field_too_long', { days: MAX_ACTIVITY_DAYS });
  await checkLinks(db, actor, input, errors, org.id);
  if (Object.keys(errors).length) throw fail(errors);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('talent_activities')
      .values({
        org_id: org.id,
        kind: input.kind,
        title: input.title,
        sector: input.sector,
        direction: input.direction,
        venue: input.venue,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        speaker_id: input.speakerId ?? null,
        programme_id: input.programmeId ?? null,
        pairing_id: input.pairingId ?? null,
        dispatch_id: input.dispatchId ?? null,
        signin_token: newSignInToken(),
        note: input.note || null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = await getActivity(trx, actor, id);
    await writeAudit(trx, actor, { action: 'talent.activity.create', entity: 'talent_activity', entityId: id, orgId: org.id, after: { ...after, signInToken: undefined } });
    return after;
  });
}

/** 128 random bits, base64url (22 characters): the QR code's content, unguessable. */
export const newSignInToken = () => randomBytes(16).toString('base64url');

/** The sign-ins of an activity, phones masked: the keeping side only (a partner reads the count). */
export async function listSignIns(db: DB, actor: Actor, id: string): Promise<SignIn[]> {
  const row = await loadActivity(db, actor, id);
  if (!row.own) throw forbidden(m('talent.activity.signins_own_side'));
  const rows = await db
    .selectFrom('talent_signins')
    .select(['id', 'name', 'unit', 'phone_masked', 'created_at'])
    .where('activity_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, unit: r.unit, phoneMasked: r.phone_masked, createdAt: new Date(r.created_at).toISOString() }));
}

// ---- the public sign-in page ----------------------------------------------------------------------------

const window = (r: { starts_at: Date | string; ends_at: Date | string }) => {
  const opens = new Date(new Date(r.starts_at).getTime() - SIGNIN_MARGIN_MINUTES * 60_000);
  const closes = new Date(new Date(r.ends_at).getTime() + SIGNIN_MARGIN_MINUTES * 60_000);
  const now = Date.now();
  return { opens, closes, state: now < opens.getTime() ? ('not_open' as const) : now > closes.getTime() ? ('closed' as const) : ('open' as const) };
};

const publicQuery = (db: Tx, token: string) =>
  db
    .selectFrom('talent_activities as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.title', 'a.kind', 'o.name as org_name', 'a.venue', 'a.starts_at', 'a.ends_at'])
    .where('a.signin_token', '=', token);

/** What the phone shows before signing in: the activity and whether its window is open. */
export async function publicActivity(db: DB, token: string): Promise<PublicActivity> {
  const r = await publicQuery(db, token).executeTakeFirst();
  if (!r) throw notFound(m('talent.activity.not_found'));
  const w = window(r);
  return {
    title: r.title,
    kind: r.kind,
    orgName: r.org_name,
    venue: r.venue,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    opensAt: w.opens.toISOString(),
    closesAt: w.closes.toISOString(),
    state: w.state,
  };
}

/**
 * Removes the sign-in attempts older than the longest limit's window: nothing reads them after that, and the public
 * page must not grow a table without end. The talent module runs it hourly (index.ts).
 */
export async function purgeSigninAttempts(db: DB): Promise<number> {
  const keep = Math.max(SIGNIN_LIMITS.address.seconds, SIGNIN_LIMITS.activity.seconds);
  const r = await db.deleteFrom('talent_signin_attempts').where(sql<SqlBool>`at < clock_timestamp() - make_interval(secs => ${keep})`).executeTakeFirst();
  return Number(r.numDeletedRows);
}

async function attempts(db: Tx, column: 'ip_hash' | 'activity_id', value: string, seconds: number) {
  const r = await db
    .selectFrom('talent_signin_attempts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(column, '=', value)
    .where(sql<SqlBool>`at > clock_timestamp() - make_interval(secs => ${seconds})`)
    .executeTakeFirstOrThrow();
  return r.n;
}

/**
 * A sign-in without an account. Refused with 429 past the limits (per client address — also for unknown codes, so
 * codes cannot be guessed at speed — and per activity), 404 for an unknown code, 409 outside the window. A phone
 * signs in once per activity: a second time answers `already` and counts nothing.
 */
export async function signIn(db: DB, cipher: FieldCipher, token: string, input: SignInInput, ip: string): Promise<SignInResult> {
  const ipHash = cipher.hash(`talent.signin.ip:${ip}`);
  const { address, activity: perActivity } = SIGNIN_LIMITS;
  const r = await publicQuery(db, token).executeTakeFirst();
  // Counted and recorded under a lock per address, then per activity (always in that order): requests at once
  // from one address cannot all read a count under the limit.
  await db.transaction().execute(async (trx) => {
    await lockKey(trx, `talent.signin.ip:${ipHash}`);
    if ((await attempts(trx, 'ip_hash', ipHash, address.seconds)) >= address.limit) throw rateLimited(m('talent.signin.too_many'), address.seconds);
    if (r) {
      await lockKey(trx, `talent.signin.activity:${r.id}`);
      if ((await attempts(trx, 'activity_id', r.id, perActivity.seconds)) >= perActivity.limit) throw rateLimited(m('talent.signin.too_many'), perActivity.seconds);
    }
    await trx
      .insertInto('talent_signin_attempts')
      .values({ activity_id: r?.id ?? null, ip_hash: ipHash })
      .execute();
  });
  if (!r) throw notFound(m('talent.activity.not_found'));
  const w = window(r);
  if (w.state !== 'open')
    throw conflict(m(w.state === 'closed' ? 'talent.signin.closed' : 'talent.signin.not_open', { opensAt: w.opens.toISOString(), closesAt: w.closes.toISOString() }));
  const phone = input.phone.trim();
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, `talent.signin.list:${r.id}`);
    const count = async () => (await trx.selectFrom('talent_signins').select(sql<number>`count(*)::int`.as('n')).where('activity_id', '=', r.id).executeTakeFirstOrThrow()).n;
    const phoneHash = hashes.phone(cipher, phone);
    const before = await trx.selectFrom('talent_signins').select('id').where('activity_id', '=', r.id).where('phone_hash', '=', phoneHash).executeTakeFirst();
    if (before) return { already: true, count: await count() };
    if ((await count()) >= MAX_SIGNINS) throw conflict(m('talent.signin.full', { max: MAX_SIGNINS }));
    await trx
      .insertInto('talent_signins')
      .values({
        activity_id: r.id,
        name: input.name,
        unit: input.unit,
        phone_enc: cipher.encrypt(phone, SIGNIN_PHONE),
        phone_hash: phoneHash,
        phone_masked: maskPhone(phone),
      })
      .execute();
    return { already: false, count: await count() };
  });
}

// ---- outcomes -------------------------------------------------------------------------------------------

function outcomeQuery(db: Tx, actor: Actor) {
  return db
    .selectFrom('talent_outcomes as x')
    .innerJoin('organisations as o', 'o.id', 'x.org_id')
    .leftJoin('talent_programmes as g', 'g.id', 'x.programme_id')
    .leftJoin('talent_mentorships as ms', 'ms.id', 'x.mentorship_id')
    .leftJoin('talent_people as mp', 'mp.id', 'ms.mentor_id')
    .select([
      'x.id',
      'x.org_id',
      'o.name as org_name',
      'x.kind',
      'x.title',
      'x.achieved_on',
      'x.description',
      'g.name as programme_name',
      'mp.name as mentor_name',
      ownSql(actor, TP.read, 'o').as('own'),
    ]);
}

type OutcomeRow = Awaited<ReturnType<ReturnType<typeof outcomeQuery>['executeTakeFirstOrThrow']>>;
const toOutcome = (r: OutcomeRow): Outcome => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  access: r.own ? 'own' : 'partner',
  kind: r.kind,
  title: r.title,
  achievedOn: r.achieved_on,
  description: r.description,
  programmeName: r.programme_name,
  mentorName: r.mentor_name,
});

export async function listOutcomes(db: DB, actor: Actor, f: OutcomeQuery): Promise<{ items: Outcome[]; total: number }> {
  const scope = await readScope(db, actor);
  let q = outcomeQuery(db, actor).where(orgInScopeSql(scope, 'o'));
  if (f.kind) q = q.where('x.kind', '=', f.kind);
  if (f.q) q = q.where(sql<SqlBool>`(x.title like ${like(f.q)} or o.name like ${like(f.q)})`);
  const { rows, total } = await paged(q, f, (b) => b.orderBy('x.achieved_on', 'desc').orderBy('x.id'));
  return { items: rows.map(toOutcome), total };
}

export async function createOutcome(db: DB, actor: Actor, input: OutcomeInput): Promise<Outcome> {
  const org = await ownOrg(db, actor, input.orgId ?? actor.orgId);
  const errors: FieldErrors = {};
  await checkLinks(db, actor, input, errors, org.id);
  if (Object.keys(errors).length) throw fail(errors);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('talent_outcomes')
      .values({
        org_id: org.id,
        kind: input.kind,
        title: input.title,
        achieved_on: input.achievedOn,
        description: input.description || null,
        programme_id: input.programmeId ?? null,
        pairing_id: input.pairingId ?? null,
        dispatch_id: input.dispatchId ?? null,
        mentorship_id: input.mentorshipId ?? null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = toOutcome(await outcomeQuery(trx, actor).where('x.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, { action: 'talent.outcome.create', entity: 'talent_outcome', entityId: id, orgId: org.id, after });
    return after;
  });
}
