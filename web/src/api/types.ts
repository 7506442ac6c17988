// The web app's view of the API: every shape is inferred from the shared zod schemas in @gearbridge/contracts,
// so a change there shows up here as a type error instead of a silent mismatch. Type-only imports keep zod
// out of the browser bundle.
import type { z } from 'zod';
import type * as Identity from '@gearbridge/contracts/identity';
import type * as Common from '@gearbridge/contracts/common';
import type * as Regions from '@gearbridge/contracts/regions';
import type * as Audit from '@gearbridge/contracts/audit';
import type * as Imports from '@gearbridge/contracts/imports';
import type * as Factory from '@gearbridge/contracts/factory';

export type Me = z.infer<typeof Identity.Me>;
export type LoginInput = z.input<typeof Identity.LoginInput>;
export type PasswordChange = z.input<typeof Identity.PasswordChange>;
export type Locale = z.infer<typeof Identity.Locale>;
export type ErrorBody = Common.ErrorBody;
export type ErrorCode = Common.ErrorCode;

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type OrgKind = Identity.OrgKind;
export type Org = Identity.Org;
export type OrgInput = z.input<typeof Identity.OrgInput>;
export type OrgPatch = z.input<typeof Identity.OrgPatch>;
export type OrgQuery = Partial<z.infer<typeof Identity.OrgQuery>>;

export type User = Identity.User;
export type UserStatus = z.infer<typeof Identity.UserStatus>;
export type UserInput = z.input<typeof Identity.UserInput>;
export type UserPatch = z.input<typeof Identity.UserPatch>;
export type UserQuery = Partial<z.infer<typeof Identity.UserQuery>>;
export type RoleGrant = z.input<typeof Identity.RoleGrant>;
export type RevealResult = z.infer<typeof Identity.RevealResult>;

export type Permission = z.infer<typeof Identity.Permission>;
export type Role = Identity.Role;
export type RoleInput = z.input<typeof Identity.RoleInput>;
export type RolePatch = z.input<typeof Identity.RolePatch>;

export type Region = Regions.Region;
export type RegionLevel = z.infer<typeof Regions.RegionLevel>;

export type AuditEntry = Audit.AuditEntry;
export type AuditQuery = Partial<z.infer<typeof Audit.AuditQuery>>;

export type ImportReport = Imports.ImportReport;
export type ImportRowError = z.infer<typeof Imports.ImportRowError>;
export type ImportConfirmed = z.infer<typeof Imports.ImportConfirmed>;

export type ModuleName = z.infer<typeof Common.ModuleName>;
export type ModuleStatus = Common.ModuleStatus;

export type DeviceKind = Factory.DeviceKind;
export type FactoryLine = Factory.FactoryLine;
export type FactoryDevice = Factory.FactoryDevice;
export type DeviceQuery = Partial<z.infer<typeof Factory.DeviceQuery>>;
export type DevicePatch = z.input<typeof Factory.DevicePatch>;
export type MetricPoint = z.infer<typeof Factory.MetricPoint>;
export type MetricSeries = z.infer<typeof Factory.MetricSeries>;
export type IngestStats = z.infer<typeof Factory.IngestStats>;
export type DeadLetter = z.infer<typeof Factory.DeadLetter>;
export type DeadLetterQuery = Partial<z.infer<typeof Factory.DeadLetterQuery>>;
export type DeviceMetric = z.infer<typeof Factory.DeviceMetric>;

export type MachineStateName = z.infer<typeof Factory.MachineStateName>;
export type OeeFigures = z.infer<typeof Factory.OeeFigures>;
export type OeeLosses = z.infer<typeof Factory.OeeLosses>;
export type StopReason = z.infer<typeof Factory.StopReason>;
export type ShiftOee = z.infer<typeof Factory.ShiftOee>;
export type DeviceOee = z.infer<typeof Factory.DeviceOee>;
export type LineOee = z.infer<typeof Factory.LineOee>;
export type PlantOee = z.infer<typeof Factory.PlantOee>;
export type LineOeeRange = z.infer<typeof Factory.LineOeeRange>;
export type OeeRangePoint = z.infer<typeof Factory.OeeRangePoint>;
export type StateInterval = z.infer<typeof Factory.StateIntervalView>;
export type DeviceStates = z.infer<typeof Factory.DeviceStates>;
export type ShiftDef = z.infer<typeof Factory.ShiftDef>;
export type ShiftCalendar = z.infer<typeof Factory.ShiftCalendar>;
export type ShiftCalendarInput = z.input<typeof Factory.ShiftCalendarInput>;

export type Severity = z.infer<typeof Factory.Severity>;
export type Alarm = Factory.Alarm;
export type AlarmState = z.infer<typeof Factory.AlarmQuery>['state'];
export type AlarmQuery = Partial<z.infer<typeof Factory.AlarmQuery>>;
export type AlarmRule = z.infer<typeof Factory.AlarmRule>;
export type AlarmRuleInput = z.input<typeof Factory.AlarmRuleInput>;
export type AlarmRulePatch = z.input<typeof Factory.AlarmRulePatch>;

// Factory II (issue #13): products and routings, work orders, units and their genealogy, recall.
export type Product = Factory.Product;
export type RoutingOp = Factory.RoutingOp;
export type Characteristic = Factory.Characteristic;
export type WorkOrder = Factory.WorkOrder;
export type WorkOrderStatus = Factory.WorkOrderStatus;
export type WorkOrderQuery = Partial<z.infer<typeof Factory.WorkOrderQuery>>;
export type WorkOrderInput = z.input<typeof Factory.WorkOrderInput>;
export type WorkOrderActionName = z.infer<typeof Factory.WorkOrderAction>['action'];
export type Unit = Factory.Unit;
export type UnitStatus = Factory.UnitStatus;
export type Genealogy = Factory.Genealogy;
export type GenealogyOp = Factory.GenealogyOp;
export type GenealogyMeasurement = z.infer<typeof Factory.GenealogyMeasurement>;
export type GenealogyComponent = z.infer<typeof Factory.GenealogyComponent>;
export type StationEventInput = z.input<typeof Factory.StationEventInput>;
export type StationEventResult = z.infer<typeof Factory.StationEventResult>;
export type RecallQuery = Partial<z.input<typeof Factory.RecallQuery>>;
export type Ncr = Factory.Ncr;
export type NcrDetail = Factory.NcrDetail;
export type NcrStatus = Factory.NcrStatus;
export type NcrSource = Factory.NcrSource;
export type NcrDisposition = Factory.NcrDisposition;
export type NcrInput = z.input<typeof Factory.NcrInput>;
export type NcrQuery = Partial<z.input<typeof Factory.NcrQuery>>;
export type NcrDispositionInput = z.input<typeof Factory.NcrDispositionInput>;
export type GenealogyRework = z.infer<typeof Factory.GenealogyRework>;
export type RecallResult = Factory.RecallResult;
export type RecallUnit = z.infer<typeof Factory.RecallUnit>;
export type ComponentLot = z.infer<typeof Factory.ComponentLot>;
export type ComponentLotQuery = Partial<z.infer<typeof Factory.ComponentLotQuery>>;
export type DefectCode = z.infer<typeof Factory.DefectCode>;
export type Tool = Factory.Tool;
export type ToolQuery = Partial<z.input<typeof Factory.ToolQuery>>;
export type ToolInput = z.input<typeof Factory.ToolInput>;
export type ToolUpdate = Factory.ToolUpdate;
