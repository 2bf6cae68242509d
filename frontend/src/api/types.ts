import type { components } from './schema';

type Schemas = components['schemas'];

export type TokenPair = Schemas['TokenPair'];
export type Me = Schemas['Me'];
export type Unit = Schemas['Unit'];
export type CreateUnitRequest = Schemas['CreateUnitRequest'];
export type UpdateUnitRequest = Schemas['UpdateUnitRequest'];
export type User = Schemas['User'];
export type CreateUserRequest = Schemas['CreateUserRequest'];
export type UpdateUserRequest = Schemas['UpdateUserRequest'];
export type AuditEvent = Schemas['AuditEvent'];
export type ChainVerification = Schemas['ChainVerification'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];

// The vocabularies of the contract. Each also exists as a generated array in ./schema
// (`roleValues`, `permissionValues`, ...), the one list the app and its translation tests read.
export type Role = Schemas['Role'];
/** An action a role allows, as `GET /me` lists them (e.g. `users.manage`). */
export type Permission = Schemas['Permission'];
export type ProblemCode = Schemas['ProblemCode'];
export type FieldErrorCode = Schemas['FieldErrorCode'];
export type AuditAction = Schemas['AuditAction'];
export type EntityType = Schemas['EntityType'];
export type ChainBreakReason = Schemas['ChainBreakReason'];

// The policy: a region's rules for a fiscal year, as data.
export type Label = Schemas['Label'];
export type Rupiah = Schemas['Rupiah'];
export type Policy = Schemas['Policy'];
export type PolicyChanges = Schemas['PolicyChanges'];
export type PolicyVersion = Schemas['PolicyVersion'];
export type PolicyVersionSummary = Schemas['PolicyVersionSummary'];
export type PresetSummary = Schemas['PresetSummary'];
export type Requirement = Schemas['Requirement'];
export type Rule = Schemas['Rule'];
export type Check = Schemas['Check'];
export type Rate = Schemas['Rate'];
export type Tier = Schemas['Tier'];
export type Product = Schemas['Product'];
export type TaxSettings = Schemas['TaxSettings'];
export type Regulation = Schemas['Regulation'];
export type RegulationRequest = Schemas['RegulationRequest'];
export type MediaType = Schemas['MediaType'];
export type CompetenceLevel = Schemas['CompetenceLevel'];
export type RegulationKind = Schemas['RegulationKind'];

// The press registry: companies, their outlets and newsrooms, Press Council checks, bank accounts,
// and an outlet's eligibility judged by the policy in force.
export type PressCompany = Schemas['PressCompany'];
export type CompanyRequest = Schemas['CompanyRequest'];
export type StatusRequest = Schemas['StatusRequest'];
export type Outlet = Schemas['Outlet'];
export type OutletRequest = Schemas['OutletRequest'];
export type NewsroomPerson = Schemas['NewsroomPerson'];
export type NewPersonRequest = Schemas['NewPersonRequest'];
export type PersonDetailsRequest = Schemas['PersonDetailsRequest'];
export type PressCouncilRecord = Schemas['PressCouncilRecord'];
export type PressCouncilCheckRequest = Schemas['PressCouncilCheckRequest'];
export type BankAccount = Schemas['BankAccount'];
export type BankAccountRequest = Schemas['BankAccountRequest'];
export type Evaluation = Schemas['Evaluation'];
export type RuleOutcome = Schemas['RuleOutcome'];
export type LegalForm = Schemas['LegalForm'];
export type PressCouncilStatus = Schemas['PressCouncilStatus'];
export type CompanyStatus = Schemas['CompanyStatus'];
export type NewsroomRole = Schemas['NewsroomRole'];
export type OutletScale = Schemas['OutletScale'];
export type Periodicity = Schemas['Periodicity'];
export type RuleKind = Schemas['RuleKind'];
export type Verdict = Schemas['Verdict'];
export type FileType = Schemas['FileType'];

// The yearly call: registration windows, applications and their steps, documents and their
// review, the score, the site visit, and what stands in the way of a decision.
export type RegistrationWindow = Schemas['RegistrationWindow'];
export type WindowRequest = Schemas['WindowRequest'];
export type Application = Schemas['Application'];
export type CreateApplicationRequest = Schemas['CreateApplicationRequest'];
export type ApplicationState = Schemas['ApplicationState'];
export type Step = Schemas['Step'];
export type StepBody = Schemas['StepBody'];
export type ApplicationStep = Schemas['ApplicationStep'];
export type ApplicationDocument = Schemas['ApplicationDocument'];
export type ApplicationReadiness = Schemas['ApplicationReadiness'];
export type RequirementStatus = Schemas['RequirementStatusView'];
export type Blocker = Schemas['Blocker'];
export type BlockerKind = Schemas['BlockerKind'];
export type ReviewStatus = Schemas['ReviewStatus'];
export type ReviewRequest = Schemas['ReviewRequest'];
export type ApplicationScore = Schemas['ApplicationScore'];
export type Answer = Schemas['Answer'];
export type Criterion = Schemas['Criterion'];
export type SiteVisit = Schemas['SiteVisit'];
export type VisitRequest = Schemas['VisitRequest'];
export type VisitConclusion = Schemas['VisitConclusion'];
export type ChecklistItem = Schemas['ChecklistItem'];
export type SiteVisitPhoto = Schemas['SiteVisitPhoto'];
export type ExpiringDocument = Schemas['ExpiringDocumentView'];
