using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Interventions.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Assessments;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Interventions;
using OffenderRisk.IntegrationTests.Nominals;

namespace OffenderRisk.IntegrationTests.Foundation;

/// <summary>
/// Every RPC of every OffenderRisk contract that names a record refuses another force's one with
/// NOT_FOUND, exactly as if it did not exist. The RPCs come from the contracts' service
/// descriptors; each one needs either a sample request here or an entry in
/// <see cref="Exceptions"/> saying why the rule does not apply to it. The same sample from the
/// owning force must get past the lookup, so a NOT_FOUND cannot come from a broken sample.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ForceScopingTests(SuiteFixture suite)
{
    /// <summary>The packages whose RPCs this test enumerates: every OffenderRisk contract with a service.</summary>
    private static readonly string[] Packages =
    [
        "offenderrisk.nominals.v1",
        "offenderrisk.assessments.v1",
        "offenderrisk.interventions.v1",
        "offenderrisk.identity.v1",
        "offenderrisk.audit.v1",
    ];

    private const string AuditorsView = "the auditor's view of one service's log (its own test: AuditLogTests); names no record";

    /// <summary>RPCs the rule does not apply to, and why.</summary>
    private static readonly Dictionary<string, string> Exceptions = new()
    {
        // Nominals: meant to work across forces, or naming no record.
        ["offenderrisk.nominals.v1.IntelligenceService.RecordIntelligence"] = "R-ID2: any officer of any force records intelligence on any nominal",
        ["offenderrisk.nominals.v1.NominalsService.CreateNominal"] = "creates a new nominal in the caller's own force; names none",
        ["offenderrisk.nominals.v1.NominalsService.SearchNominals"] = "its name is a person's name to look for; results are force-scoped (SearchNominalsTests)",
        ["offenderrisk.nominals.v1.NominalsService.AcceptTransfer"] = "names a transfer, which only the receiving force sees (TransferAndErasureTests)",
        ["offenderrisk.nominals.v1.NominalsService.ListNominals"] = "names no record: lists the caller's own force (NominalRecordTests.Force_scoping_lists_never_contain_another_forces_nominals)",
        ["offenderrisk.nominals.v1.NominalsService.ListCaseload"] = "names no record: an officer's caseload in the caller's own force (ManagementTests)",
        ["offenderrisk.nominals.v1.NominalsService.CancelTransfer"] = "names a transfer, which only the sending and receiving forces see (TransferAndErasureTests)",
        ["offenderrisk.nominals.v1.NominalsService.RejectTransfer"] = "names a transfer, which only the sending and receiving forces see (TransferAndErasureTests)",
        ["offenderrisk.nominals.v1.NominalsService.ListTransfers"] = "names no record: transfers into or out of the caller's own force (TransferAndErasureTests)",
        ["offenderrisk.nominals.v1.NominalsService.ListNominalEvents"] = "names no record: the change feed from a cursor, own force only (ChangeFeedTests.People_see_only_their_own_forces_events)",
        ["offenderrisk.nominals.v1.NominalsService.WatchNominalEvents"] = "names no record: the change feed from a cursor, own force only (ChangeFeedTests)",
        ["offenderrisk.nominals.v1.NominalsService.CommitFeedPosition"] = "names no record: a feed consumer's position (ChangeFeedTests)",
        ["offenderrisk.nominals.v1.TeamsService.CreateTeam"] = "creates a new team in the caller's own force; names none (TeamTests)",
        ["offenderrisk.nominals.v1.TeamsService.ListTeams"] = "names no record: the caller's own force's teams (TeamTests.Teams_are_listed_by_display_name_a_page_at_a_time_and_another_forces_team_is_not_found)",
        ["offenderrisk.nominals.v1.IntelligenceService.ListWorkItems"] = "names no record: a work queue of the caller's own force (IntelligenceWorkQueueTests.Force_scoping_queues_list_only_the_owning_forces_items)",

        // Assessments.
        ["offenderrisk.assessments.v1.AssessmentsService.GetArmsFactorList"] = "reference data: the ARMS factor list names no record (AssessmentDisclosureTests)",
        ["offenderrisk.assessments.v1.AssessmentsService.ListAssessmentEvents"] = "names no record: the change feed from a cursor, own force only (AssessmentFeedTests.ListAssessmentEvents_gives_the_countersigned_event_with_its_codes_and_another_force_sees_nothing_of_it)",
        ["offenderrisk.assessments.v1.AssessmentsService.CommitFeedPosition"] = "names no record: a feed consumer's position, service only (AssessmentFeedTests)",
        ["offenderrisk.interventions.v1.InterventionsService.ListInterventionEvents"] = "names no record: the change feed from a cursor, own force only (InterventionLifecycleTests, InterventionBreachTests)",
        ["offenderrisk.interventions.v1.InterventionsService.CommitFeedPosition"] = "names no record: a feed consumer's position, service only",

        // Audit.
        ["offenderrisk.audit.v1.AuditService.ListAuditEntries"] = AuditorsView,
        ["offenderrisk.audit.v1.AuditService.VerifyAuditLog"] = AuditorsView,
        ["offenderrisk.audit.v1.AuditService.CheckpointAuditLog"] = AuditorsView,

        // Identity: every RPC of offenderrisk.identity.v1 names a nominal or a record of its own, so none is here.
    };

    /// <summary>Every person's role. The service role is never a person's (TokenAudiences): service-only RPCs are called with a service token.</summary>
    private static readonly string[] AllRoles = ["officer", "mosovo-officer", "supervisor", "analyst", "victim-liaison", "auditor", "administrator"];

    private static readonly string[] ServiceRole = ["service"];

    /// <summary>
    /// What a sample can refer to, all of the owning force: a managed nominal and, depending on the
    /// package under test, records hanging off it. Parts not arranged for the package stay empty.
    /// </summary>
    public sealed record Target(Nominal Nominal)
    {
        public string CivilOrder { get; init; } = "";
        public string QualifyingEvent { get; init; } = "";
        public string ReviewApplication { get; init; } = "";
        public string Obligation { get; init; } = "";
        public string Intelligence { get; init; } = "";
        public HomeVisit HomeVisit { get; init; } = new();
        public WorkItem WorkItem { get; init; } = new();
        public Victim Victim { get; init; } = new();
        public ReactiveDecision ReactiveDecision { get; init; } = new();
        public Assessment Assessment { get; init; } = new();
        public Intervention Intervention { get; init; } = new();
        public Plan Plan { get; init; } = new();
        public Team Team { get; init; } = new();
        public CredentialCheck CredentialCheck { get; init; } = new();
        public MarkerRequest MarkerRequest { get; init; } = new();
        public CheckSet CheckSet { get; init; } = new();
    }

    private static CalendarDate Tomorrow()
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        return new CalendarDate { Year = tomorrow.Year, Month = tomorrow.Month, Day = tomorrow.Day };
    }

    private static readonly Dictionary<string, Func<Target, IMessage>> Samples = new()
    {
        // offenderrisk.nominals.v1
        ["offenderrisk.nominals.v1.NominalsService.GetNominal"] = t => new GetNominalRequest { Name = t.Nominal.Name },
        ["offenderrisk.nominals.v1.NominalsService.UpdateNominal"] = t => new UpdateNominalRequest
        {
            Nominal = new Nominal { Name = t.Nominal.Name, Etag = t.Nominal.Etag, VisorReference = "TEST/9001" },
            UpdateMask = new FieldMask { Paths = { "visor_reference" } },
        },
        ["offenderrisk.nominals.v1.NominalsService.ChangeCategory"] = t => new ChangeCategoryRequest
        {
            Name = t.Nominal.Name, Category = NominalCategory.ViolentOffender, Reason = "r", Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.CorrectDateOfBirth"] = t => new CorrectDateOfBirthRequest
        {
            Name = t.Nominal.Name, DateOfBirth = new CalendarDate { Year = 1949, Month = 12, Day = 31 }, Reason = "r", Etag = t.Nominal.Etag,
            DuplicateOverrideReason = "r",
        },
        ["offenderrisk.nominals.v1.NominalsService.AssignOfficer"] = t => new AssignOfficerRequest { Name = t.Nominal.Name, Officer = "PC-X", Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.ChangeManagementStatus"] = t => new ChangeManagementStatusRequest { Name = t.Nominal.Name, Status = ManagementStatus.Ended, Reason = "r", Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.SetMappaManagement"] = t => new SetMappaManagementRequest { Name = t.Nominal.Name, Category = 1, Level = 1, Reason = "r", Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.RecordMappaReview"] = t => new RecordMappaReviewRequest
        {
            Parent = t.Nominal.Name, Etag = t.Nominal.Etag,
            Review = new MappaReview { ReviewDate = new CalendarDate { Year = DateTime.UtcNow.Year - 1, Month = 1, Day = 5 }, Outcome = "o" },
        },
        ["offenderrisk.nominals.v1.NominalsService.SetTargetProfile"] = t => new SetTargetProfileRequest { Name = t.Nominal.Name, Flagged = true, Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.ChangeLeadAgency"] = t => new ChangeLeadAgencyRequest { Name = t.Nominal.Name, LeadAgency = LeadAgency.Police, Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.RecordQualifyingEvent"] = t => new RecordQualifyingEventRequest
        {
            Parent = t.Nominal.Name,
            QualifyingEvent = OffenceTestData.Conviction(new DateOnly(2020, 1, 1), Disposal.Other, sentenced: new DateOnly(2020, 1, 2)),
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.UpdateQualifyingEvent"] = t => new UpdateQualifyingEventRequest
        {
            QualifyingEvent = new QualifyingEvent { Name = t.QualifyingEvent, ReleaseDate = new CalendarDate { Year = 2024, Month = 1, Day = 2 } },
            UpdateMask = new FieldMask { Paths = { "release_date" } },
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.RecordNotification"] = t => new RecordNotificationRequest
        {
            Parent = t.Nominal.Name,
            Kind = NotificationKind.Annual,
            NotifyTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 1, 2, 12, 0, 0, TimeSpan.Zero)),
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.RecordReviewDecision"] = t => new RecordReviewDecisionRequest
        {
            Name = t.ReviewApplication,
            Decision = ReviewDecision.Refused,
            DecisionDate = new CalendarDate { Year = 2024, Month = 2, Day = 1 },
            Rationale = "r",
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.AddCivilOrder"] = t => new AddCivilOrderRequest
        {
            Parent = t.Nominal.Name,
            CivilOrder = new CivilOrder { Type = CivilOrderType.Sro, StartDate = new CalendarDate { Year = 2024, Month = 1, Day = 1 } },
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.UpdateCivilOrder"] = t => new UpdateCivilOrderRequest
        {
            CivilOrder = new CivilOrder { Name = t.CivilOrder, PendingDischarge = true },
            UpdateMask = new FieldMask { Paths = { "pending_discharge" } },
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.StartTransfer"] = t => new StartTransferRequest { Name = t.Nominal.Name, ReceivingForce = "ZZ99", Reason = "r", Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.EraseNominal"] = t => new EraseNominalRequest { Name = t.Nominal.Name, Reason = "r" },
        ["offenderrisk.nominals.v1.ObligationsService.ListObligations"] = t => new ListObligationsRequest { Parent = t.Nominal.Name },
        ["offenderrisk.nominals.v1.ObligationsService.SatisfyObligation"] = t => new SatisfyObligationRequest { Name = t.Obligation, SatisfiedBy = t.Obligation.Split("/obligations/")[0] + "/notifications/" + Guid.Empty.ToString("D") },
        // Names a team: the caller's force's overdue list by team (R-MR3); another force's team is NOT_FOUND.
        ["offenderrisk.nominals.v1.ObligationsService.ListOverdueObligations"] = t => new ListOverdueObligationsRequest { Team = t.Team.Name },
        ["offenderrisk.nominals.v1.TeamsService.GetTeam"] = t => new GetTeamRequest { Name = t.Team.Name },
        ["offenderrisk.nominals.v1.TeamsService.AddTeamMember"] = t => new AddTeamMemberRequest { Name = t.Team.Name, Officer = "PC-X", Etag = t.Team.Etag },
        ["offenderrisk.nominals.v1.TeamsService.RemoveTeamMember"] = t => new RemoveTeamMemberRequest { Name = t.Team.Name, Officer = NominalScenario.Officer, Etag = t.Team.Etag },
        ["offenderrisk.nominals.v1.ObligationsService.WaiveObligation"] = t => new WaiveObligationRequest { Name = t.Obligation, Reason = "r" },
        ["offenderrisk.nominals.v1.IntelligenceService.GetIntelligence"] = t => new GetIntelligenceRequest { Name = t.Intelligence },
        ["offenderrisk.nominals.v1.IntelligenceService.ListIntelligence"] = t => new ListIntelligenceRequest { Parent = t.Nominal.Name },
        ["offenderrisk.nominals.v1.IntelligenceService.AssessIntelligence"] = t => new AssessIntelligenceRequest
        {
            Name = t.Intelligence,
            Assessment = new IntelligenceAssessment { Significance = ChangeSignificance.NotSignificant, Actions = { AssessmentAction.NoAction }, Rationale = "r" },
        },
        ["offenderrisk.nominals.v1.IntelligenceService.RecordNonCooperation"] = t => new RecordNonCooperationRequest
        {
            Parent = t.Nominal.Name,
            NonCooperation = new NonCooperation { Kind = NonCooperationKind.RefusedEntry, Details = "d", OccurTime = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(-1)) },
        },
        ["offenderrisk.nominals.v1.IntelligenceService.ListNonCooperation"] = t => new ListNonCooperationRequest { Parent = t.Nominal.Name },
        ["offenderrisk.nominals.v1.IntelligenceService.GetWorkItem"] = t => new GetWorkItemRequest { Name = t.WorkItem.Name },
        ["offenderrisk.nominals.v1.IntelligenceService.AcknowledgeWorkItem"] = t => new AcknowledgeWorkItemRequest { Name = t.WorkItem.Name, Etag = t.WorkItem.Etag },
        ["offenderrisk.nominals.v1.IntelligenceService.CloseWorkItem"] = t => new CloseWorkItemRequest { Name = t.WorkItem.Name, Outcome = "o", Etag = t.WorkItem.Etag },
        ["offenderrisk.nominals.v1.IntelligenceService.CreateWorkItem"] = t => new CreateWorkItemRequest
        {
            Parent = t.Nominal.Name,
            Kind = WorkItemKind.IdentityDiscrepancy,
            SummaryCode = "NEW_DOCUMENT_NUMBER",
            Reference = "identityChecks/test",
        },
        ["offenderrisk.nominals.v1.HomeVisitsService.PlanHomeVisit"] = t => new PlanHomeVisitRequest { Parent = t.Nominal.Name, HomeVisit = new HomeVisit { PlannedDate = Tomorrow() } },
        ["offenderrisk.nominals.v1.HomeVisitsService.GetHomeVisit"] = t => new GetHomeVisitRequest { Name = t.HomeVisit.Name },
        ["offenderrisk.nominals.v1.HomeVisitsService.ListHomeVisits"] = t => new ListHomeVisitsRequest { Parent = t.Nominal.Name },
        ["offenderrisk.nominals.v1.HomeVisitsService.RecordHomeVisitOutcome"] = t => new RecordHomeVisitOutcomeRequest
        {
            Name = t.HomeVisit.Name, Outcome = HomeVisitState.Cancelled, OutcomeNote = "r", Etag = t.HomeVisit.Etag,
        },
        // The owner's decision was refused (a male nominal without three years of assessments): approving or rejecting it is FAILED_PRECONDITION, past the lookup.
        ["offenderrisk.nominals.v1.ReactiveManagementService.ProposeReactiveManagement"] = t => new ProposeReactiveManagementRequest
        {
            Parent = t.Nominal.Name, Decision = new ReactiveDecision { Reasons = { "r" } },
        },
        ["offenderrisk.nominals.v1.ReactiveManagementService.GetReactiveDecision"] = t => new GetReactiveDecisionRequest { Name = t.ReactiveDecision.Name },
        ["offenderrisk.nominals.v1.ReactiveManagementService.ListReactiveDecisions"] = t => new ListReactiveDecisionsRequest { Parent = t.Nominal.Name },
        ["offenderrisk.nominals.v1.ReactiveManagementService.ApproveReactiveDecision"] = t => new ApproveReactiveDecisionRequest { Name = t.ReactiveDecision.Name, Etag = t.ReactiveDecision.Etag },
        ["offenderrisk.nominals.v1.ReactiveManagementService.RejectReactiveDecision"] = t => new RejectReactiveDecisionRequest { Name = t.ReactiveDecision.Name, Reason = "r", Etag = t.ReactiveDecision.Etag },
        ["offenderrisk.nominals.v1.VictimsService.CreateVictim"] = t => new CreateVictimRequest { Parent = t.Nominal.Name, Victim = VictimTestData.Victim() },
        ["offenderrisk.nominals.v1.VictimsService.GetVictim"] = t => new GetVictimRequest { Name = t.Victim.Name },
        ["offenderrisk.nominals.v1.VictimsService.ListVictims"] = t => new ListVictimsRequest { Parent = t.Nominal.Name },
        ["offenderrisk.nominals.v1.VictimsService.UpdateVictim"] = t => new UpdateVictimRequest
        {
            Victim = new Victim { Name = t.Victim.Name, Etag = t.Victim.Etag, SafetyMeasures = "s" },
            UpdateMask = new FieldMask { Paths = { "safety_measures" } },
        },
        ["offenderrisk.nominals.v1.VictimsService.RecordContactAction"] = t => new RecordContactActionRequest
        {
            Parent = t.Victim.Name,
            ContactAction = new VictimContactAction { Kind = VictimContactActionKind.Letter, Purpose = "p" },
        },
        ["offenderrisk.nominals.v1.VictimsService.ListContactActions"] = t => new ListContactActionsRequest { Parent = t.Victim.Name },
        ["offenderrisk.nominals.v1.VictimsService.RecordReviewApplication"] = t => new RecordReviewApplicationRequest
        {
            Parent = t.Nominal.Name,
            ApplicationDate = new CalendarDate { Year = 2024, Month = 1, Day = 2 },
        },
        ["offenderrisk.nominals.v1.VictimsService.SummariseVictims"] = t => new SummariseVictimsRequest { Parent = t.Nominal.Name },

        // offenderrisk.assessments.v1 (the assessment's author is not the owner who calls, so the owner may countersign)
        ["offenderrisk.assessments.v1.AssessmentsService.GetAssessment"] = t => new GetAssessmentRequest { Name = t.Assessment.Name },
        ["offenderrisk.assessments.v1.AssessmentsService.CountersignAssessment"] = t => new CountersignAssessmentRequest { Name = t.Assessment.Name, Etag = t.Assessment.Etag },
        // The owner is not the author: FAILED_PRECONDITION (R-AS8), past the lookup. The draft is not submitted, so return and disclosure are refused too (R-AS8, R-AS6).
        ["offenderrisk.assessments.v1.AssessmentsService.UpdateAssessment"] = t =>
        {
            var changed = AssessmentTestData.Agreeing(t.Nominal.Name);
            changed.Name = t.Assessment.Name;
            changed.Etag = t.Assessment.Etag;
            return new UpdateAssessmentRequest { Assessment = changed };
        },
        ["offenderrisk.assessments.v1.AssessmentsService.SubmitAssessment"] = t => new SubmitAssessmentRequest { Name = t.Assessment.Name, Etag = t.Assessment.Etag },
        ["offenderrisk.assessments.v1.AssessmentsService.ReturnAssessment"] = t => new ReturnAssessmentRequest { Name = t.Assessment.Name, Etag = t.Assessment.Etag, Reason = "r" },
        ["offenderrisk.assessments.v1.AssessmentsService.DiscloseAssessment"] = t => new DiscloseAssessmentRequest
        {
            Name = t.Assessment.Name,
            Disclosure = new OffenderRisk.Contracts.Assessments.V1.Disclosure { RecipientAgency = RecipientAgency.Probation, RecipientName = "Example Probation Delivery Unit", Purpose = "p" },
        },
        // The nominal named is confirmed with the nominals service.
        ["offenderrisk.assessments.v1.AssessmentsService.CreateAssessment"] = t => new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(t.Nominal.Name) },
        ["offenderrisk.assessments.v1.AssessmentsService.ListAssessments"] = t => new ListAssessmentsRequest { Nominal = t.Nominal.Name },
        // R-AS9: the nominal named is confirmed with the nominals service; a review names the owner's assessment.
        ["offenderrisk.assessments.v1.AssessmentsService.RecordAcuteFactors"] = t => new RecordAcuteFactorsRequest { Record = AcuteFactorTestData.AtReview(t.Nominal.Name, t.Assessment.Name) },
        ["offenderrisk.assessments.v1.AssessmentsService.ListAcuteFactorRecords"] = t => new ListAcuteFactorRecordsRequest { Nominal = t.Nominal.Name },

        // offenderrisk.interventions.v1: the nominal named is confirmed with the nominals service.
        ["offenderrisk.interventions.v1.InterventionsService.CreateIntervention"] = t => new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(t.Nominal.Name) },
        ["offenderrisk.interventions.v1.InterventionsService.GetIntervention"] = t => new GetInterventionRequest { Name = t.Intervention.Name },
        ["offenderrisk.interventions.v1.InterventionsService.ListInterventions"] = t => new ListInterventionsRequest { Nominal = t.Nominal.Name },
        // Plans: the owner's plan is a draft, so the lifecycle steps and a second create are FAILED_PRECONDITION, past the lookup.
        ["offenderrisk.interventions.v1.PlansService.CreatePlan"] = t => new CreatePlanRequest { Plan = PlanTestData.PolicePlan(t.Nominal.Name) },
        ["offenderrisk.interventions.v1.PlansService.GetPlan"] = t => new GetPlanRequest { Name = t.Plan.Name },
        ["offenderrisk.interventions.v1.PlansService.ListPlans"] = t => new ListPlansRequest { Nominal = t.Nominal.Name },
        ["offenderrisk.interventions.v1.PlansService.UpdatePlan"] = t => new UpdatePlanRequest { Plan = t.Plan },
        ["offenderrisk.interventions.v1.PlansService.SubmitPlan"] = t => new SubmitPlanRequest { Name = t.Plan.Name, Etag = t.Plan.Etag },
        ["offenderrisk.interventions.v1.PlansService.ReturnPlan"] = t => new ReturnPlanRequest { Name = t.Plan.Name, Etag = t.Plan.Etag, Reason = "r" },
        ["offenderrisk.interventions.v1.PlansService.CountersignPlan"] = t => new CountersignPlanRequest { Name = t.Plan.Name, Etag = t.Plan.Etag },
        ["offenderrisk.interventions.v1.PlansService.CompletePlanAction"] = t => new CompletePlanActionRequest
        {
            Name = $"{t.Plan.Name}/actions/{t.Plan.Actions[0].Id}", Etag = t.Plan.Etag, CompletionDate = PlanTestData.Today(), Note = "n",
        },
        ["offenderrisk.interventions.v1.InterventionsService.UpdateIntervention"] = t => new UpdateInterventionRequest
        {
            Intervention = new Intervention { Name = t.Intervention.Name, Etag = t.Intervention.Etag, Description = "d" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "description" } },
        },
        ["offenderrisk.interventions.v1.InterventionsService.ChangeInterventionStatus"] = t => new ChangeInterventionStatusRequest
        {
            Name = t.Intervention.Name, Status = InterventionStatus.Active, Reason = "r", Etag = t.Intervention.Etag,
            EffectiveDate = InterventionLifecycleTests.DaysAgo(0),
        },
        // The owner's intervention is PLANNED: FAILED_PRECONDITION (R-MG10), past the force check.
        ["offenderrisk.interventions.v1.InterventionsService.RecordBreach"] = t => new RecordBreachRequest
        {
            Parent = t.Intervention.Name, Breach = new Breach { OccurDate = InterventionLifecycleTests.DaysAgo(0), Details = "d" },
        },

        // offenderrisk.identity.v1: the same requests as the identity-check tests (grounds where R-IC1 needs one).
        ["offenderrisk.identity.v1.CredentialChecksService.CheckCredentials"] = t => new CheckCredentialsRequest { Nominal = t.Nominal.Name },
        ["offenderrisk.identity.v1.CredentialChecksService.GetCredentialCheck"] = t => new GetCredentialCheckRequest { Name = t.CredentialCheck.Name },
        ["offenderrisk.identity.v1.CredentialChecksService.ListCredentialChecks"] = t => new ListCredentialChecksRequest { Nominal = t.Nominal.Name },
        ["offenderrisk.identity.v1.IdentityEnquiriesService.LookupPncPerson"] = t => new LookupPncPersonRequest { Nominal = t.Nominal.Name, PncId = t.Nominal.PncId },
        ["offenderrisk.identity.v1.IdentityEnquiriesService.LookupPncDriverRecord"] = t => new LookupPncDriverRecordRequest { Nominal = t.Nominal.Name, PncId = t.Nominal.PncId },
        ["offenderrisk.identity.v1.IdentityEnquiriesService.SearchPndIntelligence"] = t => new SearchPndIntelligenceRequest { Nominal = t.Nominal.Name, PncId = t.Nominal.PncId },
        ["offenderrisk.identity.v1.IdentityEnquiriesService.ValidateDrivingLicence"] = t => new ValidateDrivingLicenceRequest
        {
            Nominal = t.Nominal.Name, DrivingLicenceNumber = "TESTP802022BB9BB", Ground = EnquiryGround.PreviousIdentityFraud,
        },
        ["offenderrisk.identity.v1.IdentityEnquiriesService.LookupPassport"] = t => new LookupPassportRequest
        {
            Nominal = t.Nominal.Name, PassportNumber = "990000001", Ground = EnquiryGround.OverseasTravelRegular,
        },
        ["offenderrisk.identity.v1.MarkerRequestsService.CreateMarkerRequest"] = t => new CreateMarkerRequestRequest
        {
            MarkerRequest = new MarkerRequest { Nominal = t.Nominal.Name, Agency = Agency.Hmpo, PassportNumber = "990000002", Ground = EnquiryGround.OverseasTravelOccupation },
        },
        ["offenderrisk.identity.v1.MarkerRequestsService.GetMarkerRequest"] = t => new GetMarkerRequestRequest { Name = t.MarkerRequest.Name },
        ["offenderrisk.identity.v1.MarkerRequestsService.ListMarkerRequests"] = t => new ListMarkerRequestsRequest { Nominal = t.Nominal.Name },
        // The owner already has a set scheduled: FAILED_PRECONDITION (CHECK_SET_OPEN), past the lookup.
        ["offenderrisk.identity.v1.ScheduledChecksService.ScheduleCheckSet"] = t => new ScheduleCheckSetRequest { Nominal = t.Nominal.Name, DueDate = Tomorrow() },
        ["offenderrisk.identity.v1.ScheduledChecksService.GetCheckSet"] = t => new GetCheckSetRequest { Name = t.CheckSet.Name },
        ["offenderrisk.identity.v1.ScheduledChecksService.ListCheckSets"] = t => new ListCheckSetsRequest { Nominal = t.Nominal.Name },
        // The set is not due yet: the owner gets FAILED_PRECONDITION (CHECK_NOT_OPEN), past the lookup.
        ["offenderrisk.identity.v1.ScheduledChecksService.CompleteManualCheck"] = t => new CompleteManualCheckRequest
        {
            CheckSet = t.CheckSet.Name, Kind = ScheduledCheckKind.Visor, Outcome = "checked: nothing of note", Etag = t.CheckSet.Etag,
        },
    };

    public static TheoryData<string> RecordNamingRpcs()
    {
        var data = new TheoryData<string>();
        foreach (var method in ContractMethods().Where(m => !Exceptions.ContainsKey(m.FullName)))
        {
            data.Add(method.FullName);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RecordNamingRpcs))]
    public async Task Another_forces_record_is_not_found(string rpc)
    {
        Assert.True(Samples.TryGetValue(rpc, out var sample), $"{rpc} has no sample request and no exception: add one of them to {nameof(ForceScopingTests)}");
        var method = ContractMethods().Single(m => m.FullName == rpc);
        var target = await ArrangeAsync(method.File.Package);

        var otherForce = TestData.NewForce();
        var (other, _) = await CallWithEveryRoleAsync(method, sample(target), otherForce, "OTHER-1");
        Assert.True(other == StatusCode.NotFound, $"{rpc} from another force gave {other}");

        // The owner is the nominal's own officer, so that officer-only actions (work items) pass too.
        var (owner, _) = await CallWithEveryRoleAsync(method, sample(target), target.Nominal.ForceCode, NominalScenario.Officer);
        Assert.True(owner != StatusCode.NotFound, $"{rpc}'s sample is not found even by the owning force");
    }

    /// <summary>With every person's role; where only a service is allowed (PERMISSION_DENIED), with a service token instead.</summary>
    private async Task<(StatusCode Status, byte[] Answer)> CallWithEveryRoleAsync(MethodDescriptor method, IMessage request, string force, string user)
    {
        var asPerson = await CallAsync(method, request, suite.As(force, user, AllRoles));
        return asPerson.Status == StatusCode.PermissionDenied ? await CallAsync(method, request, suite.As(force, user, ServiceRole)) : asPerson;
    }

    [Fact]
    public void Every_rpc_of_every_contract_has_a_sample_or_an_exception()
    {
        var missing = ContractMethods().Select(m => m.FullName).Where(rpc => !Samples.ContainsKey(rpc) && !Exceptions.ContainsKey(rpc)).ToList();
        Assert.True(missing.Count == 0, "no sample and no exception for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_exception_and_sample_names_a_real_rpc_and_none_is_both()
    {
        var all = ContractMethods().Select(m => m.FullName).ToHashSet();
        Assert.All(Exceptions.Keys, rpc => Assert.Contains(rpc, all));
        Assert.All(Samples.Keys, rpc => Assert.Contains(rpc, all));
        Assert.Empty(Samples.Keys.Intersect(Exceptions.Keys));
    }

    [Fact]
    public void The_descriptors_hold_every_package()
    {
        // Guards the enumeration itself: an empty or partial one would make the rule's test vacuous.
        var found = ContractMethods().Select(m => m.File.Package).ToHashSet();
        Assert.Equal(Packages.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    /// <summary>A managed nominal of a new force, and what the package's samples refer to.</summary>
    private async Task<Target> ArrangeAsync(string package)
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(nominal);
        return package switch
        {
            "offenderrisk.nominals.v1" => await ArrangeNominalsAsync(s, managed),
            "offenderrisk.assessments.v1" => new Target(managed)
            {
                Assessment = (await new AssessmentsService.AssessmentsServiceClient(suite.Channel).CreateAssessmentAsync(
                    new CreateAssessmentRequest { Assessment = AssessmentTestData.Agreeing(managed.Name) }, suite.As(s.Force, "PC-AUTHOR-1", RoleSets.Mosovo))).Assessment,
            },
            "offenderrisk.interventions.v1" => new Target(managed)
            {
                Intervention = (await new InterventionsService.InterventionsServiceClient(suite.Channel).CreateInterventionAsync(
                    new CreateInterventionRequest { Intervention = InterventionTestData.HomeVisits(managed.Name) }, s.AsOfficer)).Intervention,
                Plan = (await new PlansService.PlansServiceClient(suite.Channel).CreatePlanAsync(
                    new CreatePlanRequest { Plan = PlanTestData.PolicePlan(managed.Name) }, s.AsOfficer)).Plan,
            },
            "offenderrisk.identity.v1" => await ArrangeIdentityAsync(s, managed),
            _ => new Target(managed),
        };
    }

    private async Task<Target> ArrangeNominalsAsync(NominalScenario s, Nominal managed)
    {
        var withOrder = (await s.Client.AddCivilOrderAsync(new AddCivilOrderRequest
        {
            Parent = managed.Name,
            CivilOrder = new CivilOrder { Type = CivilOrderType.Other, Description = "restraining order", StartDate = new CalendarDate { Year = 2024, Month = 1, Day = 1 } },
            Etag = managed.Etag,
        }, s.AsOfficer)).Nominal;
        var intelligence = await IntelligenceScenario.RecordAsync(suite, managed.Name, s.AsOfficer);
        var workItem = (await IntelligenceScenario.QueueAsync(suite, s.AsOfficer)).Single();
        var victim = (await new VictimsService.VictimsServiceClient(suite.Channel).CreateVictimAsync(
            new CreateVictimRequest { Parent = managed.Name, Victim = VictimTestData.Victim() }, suite.As(s.Force, "VLO-1", ["victim-liaison"]))).Victim;
        // An indefinite registrant released in 2005 and notified since, who applied for review in 2024 (R-NT2).
        var registrant = await OffenceTestData.ReleasedAndNotifiedAsync(s.Client, await s.GetAsync(managed.Name), 36, new DateOnly(2005, 6, 1), s.AsOfficer);
        var application = (await new VictimsService.VictimsServiceClient(suite.Channel).RecordReviewApplicationAsync(
            new RecordReviewApplicationRequest { Parent = managed.Name, ApplicationDate = new CalendarDate { Year = 2024, Month = 1, Day = 2 } },
            suite.As(s.Force, "VLO-1", ["victim-liaison"]))).Application;
        var homeVisit = (await new HomeVisitsService.HomeVisitsServiceClient(suite.Channel).PlanHomeVisitAsync(
            new PlanHomeVisitRequest { Parent = managed.Name, HomeVisit = new HomeVisit { PlannedDate = Tomorrow() } }, s.AsOfficer)).HomeVisit;
        var reactiveDecision = await s.ProposeReactiveAsync(await s.GetAsync(managed.Name));
        var current = await s.GetAsync(managed.Name);
        // The registrant's notifications leave an open annual notification obligation (R-MR4).
        var obligation = (await ObligationScenario.ListAsync(suite, s, managed.Name, ObligationState.Open))[0];
        // A team of the force with the nominal's officer in it (R-MR3).
        var team = await TeamScenario.AddAsync(suite, s.Force, await TeamScenario.CreateAsync(suite, s.Force, "Scoping team"), NominalScenario.Officer);
        return new Target(current)
        {
            Team = team,
            Obligation = obligation.Name,
            QualifyingEvent = registrant.OffenceHistory.Single().Name,
            ReviewApplication = application.Name,
            CivilOrder = withOrder.CivilOrders.Single().Name,
            Intelligence = intelligence.Name,
            HomeVisit = homeVisit,
            WorkItem = workItem,
            Victim = victim,
            ReactiveDecision = reactiveDecision,
        };
    }

    /// <summary>A nominal on reactive management (so that a check set can be scheduled) with a credential check, a marker request and a check set due tomorrow.</summary>
    private async Task<Target> ArrangeIdentityAsync(NominalScenario s, Nominal managed)
    {
        var reactive = await s.PlaceOnReactiveAsync(managed);
        var credentialCheck = (await new CredentialChecksService.CredentialChecksServiceClient(suite.Channel).CheckCredentialsAsync(
            new CheckCredentialsRequest { Nominal = reactive.Name }, s.AsOfficer)).CredentialCheck;
        var markerRequest = (await new MarkerRequestsService.MarkerRequestsServiceClient(suite.Channel).CreateMarkerRequestAsync(new CreateMarkerRequestRequest
        {
            MarkerRequest = new MarkerRequest { Nominal = reactive.Name, Agency = Agency.Hmpo, PassportNumber = "990000002", Ground = EnquiryGround.OverseasTravelOccupation },
        }, s.AsOfficer)).MarkerRequest;
        var checkSet = (await new ScheduledChecksService.ScheduledChecksServiceClient(suite.Channel).ScheduleCheckSetAsync(
            new ScheduleCheckSetRequest { Nominal = reactive.Name, DueDate = Tomorrow() }, s.AsOfficer)).CheckSet;
        return new Target(reactive) { CredentialCheck = credentialCheck, MarkerRequest = markerRequest, CheckSet = checkSet };
    }

    /// <summary>Calls the RPC as raw bytes through the gateway: its status, and the (first) answer when OK.</summary>
    private async Task<(StatusCode Status, byte[] Answer)> CallAsync(MethodDescriptor method, IMessage request, CallOptions options)
    {
        var marshaller = Marshallers.Create(b => b, b => b);
        var invoker = suite.Channel;
        try
        {
            if (method.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, marshaller, marshaller), null, options, request.ToByteArray());
                return (StatusCode.OK, await call.ResponseStream.MoveNext(CancellationToken.None) ? call.ResponseStream.Current : []);
            }
            return (StatusCode.OK, await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, marshaller, marshaller), null, options, request.ToByteArray()));
        }
        catch (RpcException e)
        {
            return (e.StatusCode, []);
        }
    }

    /// <summary>Every RPC of every OffenderRisk package, from the generated descriptors in the contracts assembly.</summary>
    private static IEnumerable<MethodDescriptor> ContractMethods() =>
        typeof(NominalsService).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null) as FileDescriptor)
            .Where(f => f is not null && f.Package.StartsWith("offenderrisk.", StringComparison.Ordinal))
            .SelectMany(f => f!.Services)
            .SelectMany(s => s.Methods);
}
