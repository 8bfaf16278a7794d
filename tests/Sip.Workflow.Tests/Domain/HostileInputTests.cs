using System.Reflection;
using System.Runtime.CompilerServices;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Domain;

/// <summary>
/// Every value a host hands in — on every command and value object — is checked where it is set: hostile text, undefined
/// enum values, empty ids and absurd dates are refused with an error naming the property, before anything can be stored.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly SipCaseId Case = SipCaseId.New();
    private static readonly SipActor Actor = SipTestData.FixedCareContact;
    private static readonly ExternalCaseReference External = new() { System = "Treserva", CaseId = "SOC-2026-117", Organisation = SipTestData.SocialServicesUnit };
    private static readonly SummonsDelivery Delivery = new() { MeetingId = MeetingId.New(), ParticipantId = ParticipantId.New(), State = SummonsDeliveryState.Read, At = SipTestData.Start };

    /// <summary>
    /// A fresh, valid instance of every type a host builds and hands to the library (the attacks set its properties, so a
    /// sample is never a shared instance: attacking the process-wide default rules once changed every test after it); the JSON contract tests round-trip them too
    /// (<see cref="Json.JsonContractTests"/>).
    /// </summary>
    internal static readonly Dictionary<Type, Func<object>> Samples = new()
    {
        [typeof(OpenCase)] = () => new OpenCase { Actor = Actor, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region, ExternalReference = External },
        [typeof(LinkExternalCase)] = () => new LinkExternalCase { CaseId = Case, Actor = Actor, Reference = External },
        [typeof(ExternalCaseReference)] = () => External with { },
        [typeof(RecordSummonsDelivery)] = () => new RecordSummonsDelivery { CaseId = Case, Actor = Actor, Delivery = Delivery },
        [typeof(SummonsDelivery)] = () => Delivery with { },
        [typeof(RecordReceivedSummons)] = () => new RecordReceivedSummons { CaseId = Case, Actor = Actor, MeetingId = MeetingId.New(), SentAt = SipTestData.Start, From = External },
        [typeof(Sip.Workflow.Exchange.SipExchangeMessage)] = () => new Sip.Workflow.Exchange.SipExchangeMessage
        {
            MessageId = Guid.NewGuid(), Kind = Sip.Workflow.Exchange.SipExchangeMessageKind.Closing, SentAt = SipTestData.Start, From = External,
            To = SipTestData.PrimaryCareUnit, ToCaseId = "R-77", Closing = new Sip.Workflow.Exchange.SipExchangeClosing { Reason = ClosureReason.NoNewNeedsExpected, Note = "Klart." },
        },
        [typeof(Sip.Workflow.Exchange.SipExchangeOptions)] = () => new Sip.Workflow.Exchange.SipExchangeOptions { System = "Treserva", Principal = PrincipalKind.Municipality, Units = [SipTestData.SocialServicesUnit] },
        [typeof(Sip.Workflow.Exchange.SipExchangeClosing)] = () => new Sip.Workflow.Exchange.SipExchangeClosing { Reason = ClosureReason.Deceased, Note = "Avliden." },
        [typeof(Sip.Workflow.Exchange.SipExchangeSummons)] = () => new Sip.Workflow.Exchange.SipExchangeSummons
        {
            Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Municipality, IdentifyingUnit = SipTestData.SocialServicesUnit,
            Consents = [SipTestData.OwnConsent(SipTestData.Start)], Participants = [new Participant { Kind = ParticipantKind.RegionalHealthCare, Organisation = SipTestData.PrimaryCareUnit }],
            Meeting = SipTestData.PlanMeeting(SipTestData.Start), Recipient = ParticipantId.New(),
        },
        [typeof(Sip.Workflow.Exchange.SipExchangePlanRevision)] = () => new Sip.Workflow.Exchange.SipExchangePlanRevision
        {
            Plan = SipTestData.CompletePlanContent(), Meeting = SipTestData.PlanMeeting(SipTestData.Start),
            Participants = [new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit }],
            FollowUp = new FollowUpRecord { HeldAt = SipTestData.Start, Progress = "Bra" }, Consents = [SipTestData.OwnConsent(SipTestData.Start)],
        },
        [typeof(RecordConsent)] = () => new RecordConsent { CaseId = Case, Actor = Actor, Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = SipTestData.Start } },
        [typeof(WithdrawConsent)] = () => new WithdrawConsent { CaseId = Case, Actor = Actor, WithdrawnBy = ConsentGiver.Individual },
        [typeof(PurgeCase)] = () => new PurgeCase { CaseId = Case, Actor = Actor, Rule = SipRetentionRule.SocialServices, LastEntryInRecord = new DateOnly(2020, 1, 31), NoRetentionExceptionApplies = true },
        [typeof(DeclineOffer)] = () => new DeclineOffer { CaseId = Case, Actor = Actor },
        [typeof(StartPreparation)] = () => new StartPreparation { CaseId = Case, Actor = Actor },
        [typeof(AddParticipant)] = () => new AddParticipant { CaseId = Case, Actor = Actor, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit } },
        [typeof(ChangeParticipant)] = () => new ChangeParticipant { CaseId = Case, Actor = Actor, ParticipantId = ParticipantId.New(), HasMandateToDecide = true },
        [typeof(ScheduleMeeting)] = () => new ScheduleMeeting { CaseId = Case, Actor = Actor, Meeting = SipTestData.PlanMeeting(SipTestData.Start) },
        [typeof(SendSummons)] = () => new SendSummons { CaseId = Case, Actor = Actor },
        [typeof(ForwardSummons)] = () => new ForwardSummons { CaseId = Case, Actor = Actor, From = ParticipantId.New(), To = new Participant { Organisation = SipTestData.HomeCareUnit, Kind = ParticipantKind.MunicipalHealthCare } },
        [typeof(RecordAttendance)] = () => new RecordAttendance { CaseId = Case, Actor = Actor, MeetingId = MeetingId.New(), Attendance = [new Attendance { ParticipantId = ParticipantId.New(), Status = AttendanceStatus.Attended }] },
        [typeof(AssignLeadPrincipal)] = () => new AssignLeadPrincipal { CaseId = Case, Actor = Actor, LeadPrincipal = SipTestData.MunicipalLead },
        [typeof(BookFollowUp)] = () => new BookFollowUp { CaseId = Case, Actor = Actor, Booking = new FollowUpBooking { At = SipTestData.Start, Place = "Digitalt" } },
        [typeof(EstablishPlan)] = () => SipTestData.CompletePlan(Case, SipTestData.Start),
        [typeof(RevisePlan)] = () => SipTestData.CompleteRevision(Case, SipTestData.Start),
        [typeof(RecordFollowUp)] = () => new RecordFollowUp { CaseId = Case, Actor = Actor, FollowUp = new FollowUpRecord { HeldAt = SipTestData.Start, Progress = "Bra" } },
        [typeof(CloseCase)] = () => new CloseCase { CaseId = Case, Actor = Actor, Reason = ClosureReason.NoNewNeedsExpected },
        [typeof(ConfirmPlanUnchanged)] = () => new ConfirmPlanUnchanged { CaseId = Case, Actor = Actor, NextFollowUp = new FollowUpBooking { At = SipTestData.Start, Place = "Digitalt" } },
        [typeof(RecordSituationChange)] = () => new RecordSituationChange { CaseId = Case, Actor = Actor, Change = new SituationChange { OccurredAt = SipTestData.Start, Description = "Ändrat." } },
        [typeof(SituationChange)] = () => new SituationChange { OccurredAt = SipTestData.Start, Description = "Ändrat." },
        [typeof(RecordHeldMeeting)] = () => new RecordHeldMeeting { CaseId = Case, Actor = Actor, Meeting = SipTestData.PlanMeeting(SipTestData.Start) with { Attendance = [new Attendance { ParticipantId = ParticipantId.New(), Status = AttendanceStatus.Attended }] } },
        [typeof(ExpectedContribution)] = () => new ExpectedContribution { ParticipantId = ParticipantId.New(), Contribution = "Bedömning av hemsjukvård." },
        [typeof(RecordSummonsReply)] = () => new RecordSummonsReply { CaseId = Case, Actor = Actor, Reply = new SummonsReply { MeetingId = MeetingId.New(), ParticipantId = ParticipantId.New(), Answer = SummonsAnswer.Declined, Reason = "Sjuk." } },
        [typeof(SummonsReply)] = () => new SummonsReply { MeetingId = MeetingId.New(), ParticipantId = ParticipantId.New(), Answer = SummonsAnswer.Accepted, Attendee = new ContactPerson { Name = "Kim Ek" }, AttendeeHasMandateToDecide = true, RepliedAt = SipTestData.Start },
        [typeof(UpdateInterventionStatus)] = () => new UpdateInterventionStatus { CaseId = Case, Actor = Actor, Change = new InterventionStatusChange { InterventionId = InterventionId.New(), Status = InterventionStatus.Ongoing, Note = "Startat." } },
        [typeof(InterventionStatusChange)] = () => new InterventionStatusChange { InterventionId = InterventionId.New(), Status = InterventionStatus.Cancelled, Note = "Behövs inte." },
        [typeof(Need)] = () => new Need { Id = NeedId.New(), Text = "Trygghet i hemmet." },
        [typeof(RecordPlanDistributed)] = () => new RecordPlanDistributed { CaseId = Case, Actor = Actor, Distribution = new PlanDistribution { Revision = 1, Recipient = PlanRecipientKind.Participant, ParticipantId = ParticipantId.New(), Channel = PlanDistributionChannel.HandedOver, DistributedAt = SipTestData.Start } },
        [typeof(PlanDistribution)] = () => new PlanDistribution { Revision = 1, Recipient = PlanRecipientKind.Individual, Channel = PlanDistributionChannel.Post, DistributedAt = SipTestData.Start },
        [typeof(ApprovePlanForIndividual)] = () => new ApprovePlanForIndividual { CaseId = Case, Actor = Actor, Revision = 1 },
        [typeof(RecordInformationTransfer)] = () => new RecordInformationTransfer { CaseId = Case, Actor = Actor, TransferredAt = SipTestData.Start },
        [typeof(DeclineToStart)] = () => new DeclineToStart { CaseId = Case, Actor = Actor, Reason = "Inget behov." },
        [typeof(DocumentClosing)] = () => new DocumentClosing { CaseId = Case, Actor = Actor, Closing = new PrincipalClosing { Principal = PrincipalKind.Region, Organisation = new OrganisationReference { Name = "Vårdcentralen" } } },
        [typeof(PrincipalClosing)] = () => new PrincipalClosing { Principal = PrincipalKind.Region, Organisation = new OrganisationReference { Name = "Vårdcentralen" }, Note = "Avslutat." },
        [typeof(CloseAndRestart)] = () => new CloseAndRestart { CaseId = Case, Actor = Actor },
        [typeof(RecordEvaluation)] = () => new RecordEvaluation { CaseId = Case, Actor = Actor, Evaluation = new Evaluation { MeetingId = MeetingId.New(), Respondent = EvaluationRespondent.Individual, Answers = [new EvaluationAnswer { QuestionId = "heard", Score = 4 }] } },
        [typeof(Evaluation)] = () => new Evaluation { MeetingId = MeetingId.New(), Respondent = EvaluationRespondent.Professional, Answers = [] },
        [typeof(EvaluationAnswer)] = () => new EvaluationAnswer { QuestionId = "heard", Score = 3 },
        [typeof(RecordDeviation)] = () => new RecordDeviation { CaseId = Case, Actor = Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "x" } },
        [typeof(ChangeIndividual)] = () => new ChangeIndividual { CaseId = Case, Actor = Actor, HasProtectedIdentity = true },
        [typeof(RecordAdmission)] = () => new RecordAdmission { CaseId = Case, Actor = Actor, AdmittedAt = SipTestData.Start, Ward = SipTestData.HomeCareUnit },
        [typeof(AppointFixedCareContact)] = () => new AppointFixedCareContact { CaseId = Case, Actor = Actor, FixedCareContact = SipTestData.FixedCareContactAtPrimaryCare },
        [typeof(RecordReadyForDischarge)] = () => new RecordReadyForDischarge { CaseId = Case, Actor = Actor, NotifiedAt = SipTestData.Start },
        [typeof(RevokeReadyForDischarge)] = () => new RevokeReadyForDischarge { CaseId = Case, Actor = Actor, RevokedAt = SipTestData.Start },
        [typeof(RecordDischarge)] = () => new RecordDischarge { CaseId = Case, Actor = Actor, DischargedAt = SipTestData.Start, InformationTransferredAt = SipTestData.Start },
        [typeof(FixedCareContact)] = () => SipTestData.FixedCareContactAtPrimaryCare with { AppointedAt = SipTestData.Start },
        [typeof(ReadyForDischargeNotice)] = () => new ReadyForDischargeNotice { NotifiedAt = SipTestData.Start, RevokedAt = SipTestData.Start },
        [typeof(DischargeEpisode)] = () => new DischargeEpisode { AdmittedAt = SipTestData.Start, DischargedAt = SipTestData.Start, InformationTransferredAt = SipTestData.Start },
        [typeof(SubjectReference)] = () => new SubjectReference("patient-1"),
        [typeof(Individual)] = () => SipTestData.ChildWithTwoGuardians(),
        [typeof(CaseOrigin)] = () => CaseOrigin.Outpatient(),
        [typeof(OrganisationReference)] = () => SipTestData.SocialServicesUnit with { },
        [typeof(IneraCarePlanSource)] = () => new IneraCarePlanSource
        {
            SourceSystemHsaId = "SE2321000131-S000000010252", CareUnitHsaId = "SE2321000131-E000000000001", CareGiverHsaId = "SE2321000131-E000000000000",
            OrgUnitHsaId = "SE2321000131-E000000000001", OrgUnitName = "Vårdcentralen Söder", ProfessionalHsaId = "SE2321000131-P000000000017", ProfessionalName = "Eva Berg",
        },
        [typeof(PlanDocumentOptions)] = () => new PlanDocumentOptions { IndividualDisplayName = "Anna Berg" },
        [typeof(ContactPerson)] = () => new ContactPerson { Name = "Anna", Title = "samordnare", ContactDetails = "035-1" },
        [typeof(Consent)] = () => new Consent { Id = ConsentId.New(), Scope = ConsentScope.All, GivenBy = ConsentGiver.Proxy, GiverReference = "ombud", DocumentReference = "fullmakt-1", SoleGuardianReason = "x", ChildsViews = "y", Form = ConsentForm.Written, GivenAt = SipTestData.Start },
        [typeof(ConsentParties)] = () => new ConsentParties { Kinds = [ParticipantKind.SocialServices], ExceptOrganisations = [SipTestData.HomeCareUnit] },
        [typeof(ConsentWithdrawal)] = () => new ConsentWithdrawal { WithdrawnAt = SipTestData.Start, WithdrawnBy = ConsentGiver.LegalGuardian, WithdrawnByReference = "vh-1", Scope = ConsentScope.All },
        [typeof(MaturityAssessment)] = () => new MaturityAssessment { AssessedAt = SipTestData.Start, AssessedBy = "Kurator", Grounds = "Samtal" },
        [typeof(KinAssessment)] = () => SipTestData.KinMayBeAsked(SipTestData.Start),
        [typeof(Substitute)] = () => new Substitute { Person = new ContactPerson { Name = "Per" }, HasMandateToDecide = true },
        [typeof(Participant)] = () => new Participant { Id = ParticipantId.New(), Organisation = SipTestData.SocialServicesUnit, Kind = ParticipantKind.SocialServices, Role = ParticipationRole.Called },
        [typeof(Attendance)] = () => new Attendance { ParticipantId = ParticipantId.New(), Status = AttendanceStatus.Absent },
        [typeof(Meeting)] = () => SipTestData.PlanMeeting(SipTestData.Start),
        [typeof(Summons)] = () => new Summons { MeetingId = MeetingId.New(), SentAt = SipTestData.Start, Called = [], Invited = [] },
        [typeof(Goal)] = () => new Goal { Id = GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Mål" },
        [typeof(Intervention)] = () => SipTestData.Interventions()[0],
        [typeof(IndividualParticipation)] = () => new IndividualParticipation { Participated = false, ReasonNotParticipating = "Sjuk" },
        [typeof(KinParticipation)] = () => new KinParticipation { Participated = false },
        [typeof(SipPlan)] = () => new SipPlan { Revision = 1, EstablishedAt = SipTestData.Start },
        [typeof(LeadPrincipal)] = () => SipTestData.MunicipalLead with { },
        [typeof(FollowUpBooking)] = () => new FollowUpBooking { At = SipTestData.Start, Place = "Digitalt" },
        [typeof(FollowUpRecord)] = () => new FollowUpRecord { Id = FollowUpId.New(), HeldAt = SipTestData.Start, Progress = "Bra" },
        [typeof(Closure)] = () => new Closure { Reason = ClosureReason.NoNewNeedsExpected, ClosedAt = SipTestData.Start },
        [typeof(Deviation)] = () => new Deviation { Id = DeviationId.New(), Kind = DeviationKind.Other, Description = "x", RecordedAt = SipTestData.Start },
        [typeof(SipActor)] = () => SipTestData.FixedCareContact with { },
        [typeof(SipCaseQuery)] = () => new SipCaseQuery(),
        [typeof(SipReader)] = () => new SipReader { Actor = SipTestData.FixedCareContact },
        [typeof(SipAccessLogQuery)] = () => new SipAccessLogQuery(),
        [typeof(SipAccessRules)] = () => SipAccessRules.Default with { },
        [typeof(SipIndicatorFilter)] = () => new SipIndicatorFilter(),
        [typeof(SipIndicatorOptions)] = () => new SipIndicatorOptions(),
    };

    // Built by the engine or a store, never handed in by a host: checked where they are made instead.
    internal static readonly HashSet<Type> NotHostInput = [typeof(SipCase), typeof(SipEvent), typeof(SipPolicy), typeof(SipCommandResult), typeof(PermittedAction),
        typeof(UnmetRequirement), typeof(SipDeadline), typeof(DueWorkItem), typeof(DueWorkPage), typeof(SipAuditVerification), typeof(SipCasePage),
        typeof(SipLegalReference), typeof(SipTombstone), typeof(SipCaseCheckpoint), typeof(SipStoreCheckpoint), typeof(SipCaseAnchor),
        typeof(SipStoreProblem), typeof(SipStoreVerification), typeof(SipGallringItem), typeof(SipGallringPage), typeof(SipStoreHealth),
        typeof(SipFeedEntry), typeof(PlanApproval), typeof(Sip.Workflow.Exchange.SipExchangeReceipt), typeof(SipAccessRecord), typeof(SipAccessRequest),
        typeof(SipIndicator), typeof(SipIndicatorReport), typeof(SipIndicatorDimensions), typeof(SipIndicatorContribution), typeof(SipIndicatorDeadline),
        typeof(SipIndicatorCell), typeof(SipIndicatorDueCount), typeof(SipIndicatorCaseRow), typeof(SipIndicatorChange),

        // Made only by SipListScope.AnyOf, which checks every key (AccessKeyTests).
        typeof(SipListScope)];

    [Fact]
    public void Every_public_input_type_is_covered()
    {
        var inputs = typeof(SipCase).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethod("<Clone>$") is not null && !NotHostInput.Contains(t));

        inputs.Should().BeSubsetOf(Samples.Keys, "a new input type needs a sample here so its every property is attacked");
    }

    public static TheoryData<string, string> Properties()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in Samples.Keys)
        {
            foreach (var property in Settable(type))
            {
                data.Add(type.Name, property.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Properties))]
    public void Hostile_values_are_refused_naming_the_property(string typeName, string propertyName)
    {
        var type = Samples.Keys.Single(t => t.Name == typeName);
        var property = Settable(type).Single(p => p.Name == propertyName);
        var required = property.GetCustomAttribute<RequiredMemberAttribute>() is not null;
        var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

        foreach (var (value, accepted) in HostileValues(target, required, property.PropertyType))
        {
            var sample = Samples[type]();
            var set = () =>
            {
                try
                {
                    property.SetValue(sample, value);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    throw e.InnerException;
                }
            };

            if (accepted)
            {
                set.Should().NotThrow($"{typeName}.{propertyName} = {Show(value)} is allowed");
            }
            else
            {
                set.Should().Throw<ArgumentException>($"{typeName}.{propertyName} = {Show(value)} must be refused")
                    .Which.ParamName.Should().StartWith(propertyName, "the error names the property");
            }
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.Name != "EqualityContract")
            .Where(p => IsAttacked(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType));

    private static bool IsAttacked(Type t)
        => t == typeof(string) || t.IsEnum || typeof(ISipId).IsAssignableFrom(t) || t == typeof(DateTimeOffset) || t == typeof(IReadOnlyList<string>);

    private static IEnumerable<(object? Value, bool Accepted)> HostileValues(Type t, bool required, Type declared)
    {
        var optional = !required && (Nullable.GetUnderlyingType(declared) is not null || !declared.IsValueType);
        if (t == typeof(string))
        {
            yield return (null, optional);
            yield return (string.Empty, false);
            yield return ("   \t ", false);
            yield return (new string('x', 100_000), false);
            yield return ("Vård\u0007centralen", false);
            yield return ("\u202Eenavlås", false);
            yield return ("\uD83D", false);
        }
        else if (t == typeof(IReadOnlyList<string>))
        {
            yield return (new[] { "ok", string.Empty }, false);
            yield return (new[] { "bad\0" }, false);
            yield return (Enumerable.Repeat("q", 10_000).ToArray(), false);
        }
        else if (t.IsEnum)
        {
            yield return (Enum.ToObject(t, 999), false);
            yield return (Enum.ToObject(t, -1), false);
        }
        else if (typeof(ISipId).IsAssignableFrom(t))
        {
            yield return (Activator.CreateInstance(t), false);
        }
        else if (t == typeof(DateTimeOffset))
        {
            yield return (DateTimeOffset.MinValue, false);
            yield return (DateTimeOffset.MaxValue, false);
            yield return (new DateTimeOffset(1899, 12, 31, 0, 0, 0, TimeSpan.Zero), false);
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string { Length: > 20 } s => $"\"{s[..20]}…\" ({s.Length} chars)",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "?",
    };
}
