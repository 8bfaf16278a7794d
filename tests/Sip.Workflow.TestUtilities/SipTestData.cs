using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.TestUtilities;

/// <summary>Realistic test data from the seed documents: actors, individuals, units, meetings, plans.</summary>
public static class SipTestData
{
    /// <summary>A Monday morning, the tests' "now" unless they move the clock.</summary>
    public static readonly DateTimeOffset Start = ContractData.Start;

    /// <summary>The fixed care contact at the vårdcentral (region-financed outpatient care), never a ward nurse.</summary>
    public static FixedCareContact FixedCareContactAtPrimaryCare { get; } = new()
    {
        Unit = PrimaryCareUnit, Person = new ContactPerson { Name = "Karin Ek", Title = "distriktssköterska", ContactDetails = "035-13 10 00" },
    };

    /// <summary>The individual's own oral consent to everything, every party covered.</summary>
    public static Consent OwnConsent(DateTimeOffset at) => new() { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = at };

    /// <summary>The finding that lets next of kin be asked: the individual does not object, and it is suitable.</summary>
    public static KinAssessment KinMayBeAsked(DateTimeOffset at) => new() { IndividualObjects = false, JudgedSuitable = true, AssessedAt = at };

    public static SipActor FixedCareContact => ContractData.Actor;

    /// <summary>The case as its head: the lists a store may keep apart empty.</summary>
    public static SipCase WithoutListsKeptApart(SipCase c) => ContractData.WithoutListsKeptApart(c);

    public static SipActor SocialWorker => ContractData.SocialWorker;

    /// <summary>A worker of the unit holding the lead in <see cref="CompletePlan"/>: who closes, revises and changes the lead under the default access rules.</summary>
    public static SipActor LeadUnitWorker => ContractData.SocialWorker;

    /// <summary>A second user of the opening unit (<see cref="PrimaryCareUnit"/>), for a command by someone other than the scenario's actor.</summary>
    public static SipActor OpeningUnitColleague { get; } = new() { UserId = "hsa-vc-1002", Organisation = "Vårdcentralen Söder", Role = "kurator" };

    public static Individual Adult(string reference = ContractData.Subject) => ContractData.Adult(reference);

    public static Individual ChildWithTwoGuardians(string reference = "elev-31c9") =>
        new() { Reference = new SubjectReference(reference), IsChild = true, LegalGuardians = ["vh-1", "vh-2"] };

    public static OrganisationReference SocialServicesUnit => ContractData.SocialServicesUnit;

    public static OrganisationReference PrimaryCareUnit => ContractData.PrimaryCareUnit;

    public static OrganisationReference HomeCareUnit { get; } = new() { Name = "Kommunal hemsjukvård Halmstad", Identifier = "SE2120000-0001-HSV" };

    public static OrganisationReference SchoolUnit { get; } = new() { Name = "Centralskolan elevhälsa", Identifier = "SE2120000-0001-SKO" };

    public static OrganisationReference SocialInsuranceUnit { get; } = new() { Name = "Försäkringskassan" };

    public static Meeting PlanMeeting(DateTimeOffset startsAt, MeetingId? id = null)
        => ContractData.PlanMeeting(startsAt) with { Id = id ?? MeetingId.New() };

    public static Meeting FollowUpMeeting(DateTimeOffset startsAt) => PlanMeeting(startsAt) with { Purpose = MeetingPurpose.FollowUpMeeting };

    public static LeadPrincipal MunicipalLead => ContractData.MunicipalLead;

    public static IReadOnlyList<Goal> Goals(GoalId? longTerm = null) =>
    [
        new() { Id = longTerm ?? GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Att bo kvar hemma och känna mig trygg" },
        new() { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = "Klara morgonrutinen med stöd inom två veckor" },
    ];

    public static IReadOnlyList<Intervention> Interventions(ParticipantId? otherActor = null) =>
    [
        new()
        {
            Id = InterventionId.New(), What = "Hemtjänst morgon och kväll", Responsible = ResponsibleKind.Municipality,
            When = "dagligen kl. 8 och 20", Where = "i hemmet",
        },
        new()
        {
            Id = InterventionId.New(), What = "Läkemedelsgenomgång", Responsible = ResponsibleKind.Region,
            When = "inom två veckor, sedan var tredje månad", Where = "Vårdcentralen Söder",
        },
        new()
        {
            Id = InterventionId.New(), What = "Promenad med grannen", Responsible = ResponsibleKind.Individual,
            When = "tisdagar", Where = "i området",
        },
    ];

    /// <summary>A plan's content meeting every requirement of every preset.</summary>
    public static SipPlan CompletePlanContent() => new()
    {
        Goals = Goals(),
        Interventions = Interventions(),
        WhatMattersToIndividual = "Att kunna bo kvar i mitt hus med min katt.",
        IndividualParticipation = new IndividualParticipation { Participated = true, Mode = ParticipationMode.InPerson },
        KinParticipation = new KinParticipation { Participated = true, JudgedSuitable = true },
    };

    /// <summary>An establish-plan command meeting every requirement of every preset.</summary>
    public static EstablishPlan CompletePlan(SipCaseId caseId, DateTimeOffset followUpAt) => new()
    {
        CaseId = caseId,
        Actor = FixedCareContact,
        Plan = CompletePlanContent(),
        LeadPrincipal = MunicipalLead,
        FollowUpBooking = new FollowUpBooking { At = followUpAt, Place = "Vårdcentralen Söder, rum 3" },
    };

    public static RevisePlan CompleteRevision(SipCaseId caseId, DateTimeOffset followUpAt)
    {
        var plan = CompletePlan(caseId, followUpAt);
        return new RevisePlan
        {
            CaseId = caseId,

            // The lead principal's unit revises the plan (the default access rules).
            Actor = LeadUnitWorker,
            FollowUpBooking = plan.FollowUpBooking,
            Plan = plan.Plan,
        };
    }
}
