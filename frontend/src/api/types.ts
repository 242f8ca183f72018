// Names for the generated OpenAPI types (src/api/schema.d.ts is generated: `make web-schema`).
import type { components } from './schema'

type S = components['schemas']

export type Me = S['Me']
export type ProjectRef = S['ProjectRef']
export type CityCompany = S['CityCompany']
export type Project = S['Project']
export type Building = S['Building']
export type BuildingGrid = S['BuildingGrid']
export type Unit = S['Unit']
export type Customer = S['Customer']
export type CustomerDetail = S['CustomerDetail']
export type CustomerCreate = S['CustomerCreateRequest']
export type CustomerUpdate = S['PatchedCustomerUpdateRequest']
export type CustomerSearch = S['CustomerSearchRequest']
export type Tag = S['Tag']
export type OwnedUnit = S['OwnedUnit']
export type Consultation = S['Consultation']
export type ConsultationInput = S['ConsultationInputRequest']
export type Appointment = S['Appointment']
export type AppointmentInput = S['AppointmentInputRequest']
export type FollowUp = S['FollowUp']
export type FollowUpInput = S['FollowUpInputRequest']
export type TimelineEvent = S['Event']
export type Reveal = S['Reveal']
export type User = S['User']
export type UserCreate = S['UserCreateRequest']
export type Role = S['Role']
export type UserScope = S['UserScope']
export type Consultant = S['Consultant']
export type Dashboard = S['Dashboard']
export type UnitStatus = S['UnitStatusEnum']
export type WorkOrder = S['WorkOrder']
export type WorkOrderDetail = S['WorkOrderDetail']
export type WorkOrderCreate = S['WorkOrderCreateRequest']
export type WorkOrderFollowUp = S['WorkOrderFollowUp']
export type WorkOrderAttachment = S['Attachment']
export type WorkOrderCategory = S['Category']
export type DispatchSuggestion = S['Suggestion']
export type BatchDispatchResult = S['BatchDispatchResult']
export type Technician = S['Technician']
export type TechnicianCandidate = S['Candidate']
export type Team = S['Team']
export type Contractor = S['Contractor']
export type WarrantyCheck = S['CheckResult']
export type AppointmentStatus = S['AppointmentStatusEnum']

export interface Page<T> {
  count: number
  count_capped?: boolean
  next?: string | null
  previous?: string | null
  results: T[]
}
export type AllowedAction = S['AllowedAction']
