// The web app's view of the API: every shape is inferred from the shared zod schemas in @gearbridge/contracts,
// so a change there shows up here as a type error instead of a silent mismatch. Type-only imports keep zod
// out of the browser bundle.
import type { z } from 'zod';
import type * as C from '@gearbridge/contracts';

export type Me = z.infer<typeof C.Me>;
export type LoginInput = z.input<typeof C.LoginInput>;
export type PasswordChange = z.input<typeof C.PasswordChange>;
export type Locale = z.infer<typeof C.Locale>;
export type ErrorBody = C.ErrorBody;
export type ErrorCode = C.ErrorCode;

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type OrgKind = C.OrgKind;
export type Org = C.Org;
export type OrgInput = z.input<typeof C.OrgInput>;
export type OrgPatch = z.input<typeof C.OrgPatch>;
export type OrgQuery = Partial<z.infer<typeof C.OrgQuery>>;

export type User = C.User;
export type UserStatus = z.infer<typeof C.UserStatus>;
export type UserInput = z.input<typeof C.UserInput>;
export type UserPatch = z.input<typeof C.UserPatch>;
export type UserQuery = Partial<z.infer<typeof C.UserQuery>>;
export type RoleGrant = z.input<typeof C.RoleGrant>;
export type RevealResult = z.infer<typeof C.RevealResult>;

export type Permission = z.infer<typeof C.Permission>;
export type Role = C.Role;
export type RoleInput = z.input<typeof C.RoleInput>;
export type RolePatch = z.input<typeof C.RolePatch>;

export type Region = C.Region;
export type RegionLevel = z.infer<typeof C.RegionLevel>;

export type AuditEntry = C.AuditEntry;
export type AuditQuery = Partial<z.infer<typeof C.AuditQuery>>;

export type ImportReport = C.ImportReport;
export type ImportRowError = z.infer<typeof C.ImportRowError>;
export type ImportConfirmed = z.infer<typeof C.ImportConfirmed>;

export type ModuleName = z.infer<typeof C.ModuleName>;
export type ModuleStatus = C.ModuleStatus;

export type DeviceKind = C.DeviceKind;
export type FactoryLine = C.FactoryLine;
export type FactoryDevice = C.FactoryDevice;
export type DeviceQuery = Partial<z.infer<typeof C.DeviceQuery>>;
export type DevicePatch = z.input<typeof C.DevicePatch>;
export type MetricPoint = z.infer<typeof C.MetricPoint>;
export type MetricSeries = z.infer<typeof C.MetricSeries>;
export type IngestStats = z.infer<typeof C.IngestStats>;
export type DeadLetter = z.infer<typeof C.DeadLetter>;
export type DeadLetterQuery = Partial<z.infer<typeof C.DeadLetterQuery>>;
export type DeviceMetric = z.infer<typeof C.DeviceMetric>;

export type MachineStateName = z.infer<typeof C.MachineStateName>;
export type OeeFigures = z.infer<typeof C.OeeFigures>;
export type OeeLosses = z.infer<typeof C.OeeLosses>;
export type ShiftOee = z.infer<typeof C.ShiftOee>;
export type DeviceOee = z.infer<typeof C.DeviceOee>;
export type LineOee = z.infer<typeof C.LineOee>;
export type PlantOee = z.infer<typeof C.PlantOee>;
export type StateInterval = z.infer<typeof C.StateIntervalView>;
export type DeviceStates = z.infer<typeof C.DeviceStates>;
export type ShiftDef = z.infer<typeof C.ShiftDef>;
export type ShiftCalendar = z.infer<typeof C.ShiftCalendar>;
export type ShiftCalendarInput = z.input<typeof C.ShiftCalendarInput>;

export type Severity = z.infer<typeof C.Severity>;
export type Alarm = C.Alarm;
export type AlarmState = z.infer<typeof C.AlarmQuery>['state'];
export type AlarmQuery = Partial<z.infer<typeof C.AlarmQuery>>;
export type AlarmRule = z.infer<typeof C.AlarmRule>;
export type AlarmRuleInput = z.input<typeof C.AlarmRuleInput>;
export type AlarmRulePatch = z.input<typeof C.AlarmRulePatch>;
