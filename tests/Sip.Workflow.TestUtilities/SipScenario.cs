using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;

namespace Sip.Workflow.TestUtilities;

/// <summary>
/// An engine over a store with a fake clock, and short-hands that walk a case through the process the way a host
/// would, so that each test states only the step it is about.
/// </summary>
public sealed class SipScenario
{
    public SipScenario(SipPolicy? policy = null, ISipCaseStore? store = null, SipLanguage language = SipLanguage.Swedish)
    {
        Store = store ?? new InMemorySipCaseStore();
        Time = new FakeTimeProvider(SipTestData.Start);
        Language = language;
        Workflow = new SipWorkflow(Store, new SipWorkflowOptions { Policy = policy ?? SipPolicy.NationalGuidance, Language = language, Access = SipTestAccess.DefaultWithUnattributedReads }, Time);
    }

    /// <summary>A scenario over an engine built elsewhere (e.g. by dependency injection).</summary>
    public SipScenario(SipWorkflow workflow, ISipCaseStore store, FakeTimeProvider time)
    {
        Workflow = workflow;
        Store = store;
        Time = time;
        Language = SipLanguage.Swedish;
    }

    public ISipCaseStore Store { get; }

    public SipLanguage Language { get; }

    public FakeTimeProvider Time { get; }

    public SipWorkflow Workflow { get; }

    public SipActor Actor { get; } = SipTestData.FixedCareContact;

    /// <summary>The policy cases are opened under (<see cref="OpenCase.Policy"/>); the engine's default when null.</summary>
    public string? OpenUnder { get; set; }

    public async Task<SipCase> OpenAsync(Individual? individual = null, CaseOrigin? origin = null)
        => (await Workflow.OpenCaseAsync(new OpenCase
        {
            Actor = Actor,
            Individual = individual ?? SipTestData.Adult(),
            Origin = origin ?? CaseOrigin.Outpatient(),
            IdentifiedBy = PrincipalKind.Region,
            IdentifyingUnit = SipTestData.PrimaryCareUnit,
            Policy = OpenUnder,
        })).Case;

    public async Task<SipCase> ConsentAsync(SipCaseId id, ConsentScope scope = ConsentScope.All, ConsentGiver givenBy = ConsentGiver.Individual, string? giver = null)
        => (await Workflow.RecordConsentAsync(new RecordConsent
        {
            CaseId = id,
            Actor = Actor,
            Consent = new Consent { Scope = scope, GivenBy = givenBy, GiverReference = giver ?? (givenBy == ConsentGiver.Individual ? null : "vh-1"), Form = ConsentForm.Written, GivenAt = Time.GetUtcNow() },
        })).Case;

    /// <summary>Records <paramref name="consent"/> as given.</summary>
    public Task<SipCommandResult> RecordConsentAsync(SipCaseId id, Consent consent)
        => Workflow.RecordConsentAsync(new RecordConsent { CaseId = id, Actor = Actor, Consent = consent });

    public async Task<SipCase> AddAsync(SipCaseId id, ParticipantKind kind, OrganisationReference unit)
        => (await Workflow.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = Actor, Participant = new Participant { Kind = kind, Organisation = unit, HasMandateToDecide = true } })).Case;

    /// <summary>Opens a case and records full consent.</summary>
    public async Task<SipCase> ConsentedAsync(Individual? individual = null, CaseOrigin? origin = null)
    {
        var c = await OpenAsync(individual, origin);
        if (c.Individual.IsChild)
        {
            for (var g = 1; g <= c.Individual.LegalGuardianCount; g++)
            {
                c = await ConsentAsync(c.Id, ConsentScope.All, ConsentGiver.LegalGuardian, $"vh-{g}");
            }

            return c;
        }

        return await ConsentAsync(c.Id);
    }

    /// <summary>A case in preparation with both principals added and the plan meeting scheduled a week ahead.</summary>
    public async Task<SipCase> ReadyToSummonAsync(Individual? individual = null, CaseOrigin? origin = null)
    {
        var c = await ConsentedAsync(individual, origin);
        await Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = Actor });
        await AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        return (await Workflow.ScheduleMeetingAsync(new ScheduleMeeting
        {
            CaseId = c.Id,
            Actor = Actor,
            Meeting = SipTestData.PlanMeeting(Time.GetUtcNow().AddDays(7)),
        })).Case;
    }

    /// <summary>A summoned case on the day of its plan meeting: the clock stands at the meeting's start.</summary>
    public async Task<SipCase> SummonedAsync(Individual? individual = null, CaseOrigin? origin = null)
    {
        var c = await ReadyToSummonAsync(individual, origin);
        var summoned = (await Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = Actor })).Case;
        Time.SetUtcNow(summoned.PlanMeeting!.StartsAt);
        return summoned;
    }

    public async Task<SipCase> PlanEstablishedAsync(Individual? individual = null, CaseOrigin? origin = null)
    {
        var c = await SummonedAsync(individual, origin);
        return (await Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, Time.GetUtcNow().AddMonths(3)))).Case;
    }

    /// <summary>
    /// An established plan for an individual with a protected identity, whose interventions' "where" and follow-up place
    /// are <paramref name="homePlace"/>: what an export must never show.
    /// </summary>
    public async Task<SipCase> ProtectedPlanEstablishedAsync(string homePlace)
    {
        var c = await SummonedAsync(SipTestData.Adult() with { HasProtectedIdentity = true });
        var establish = SipTestData.CompletePlan(c.Id, Time.GetUtcNow().AddMonths(3));
        return (await Workflow.EstablishPlanAsync(establish with
        {
            Plan = establish.Plan with { Interventions = [.. establish.Plan.Interventions.Select(i => i with { Where = homePlace })] },
            FollowUpBooking = new FollowUpBooking { At = Time.GetUtcNow().AddMonths(3), Place = homePlace },
        })).Case;
    }

    public async Task<SipCase> FollowedUpAsync(Individual? individual = null, CaseOrigin? origin = null)
    {
        var c = await PlanEstablishedAsync(individual, origin);
        Time.Advance(TimeSpan.FromDays(90));
        return (await Workflow.RecordFollowUpAsync(new RecordFollowUp
        {
            CaseId = c.Id,
            Actor = Actor,
            FollowUp = new FollowUpRecord { HeldAt = Time.GetUtcNow(), Progress = "Morgonrutinen fungerar med stöd; känner sig tryggare.", InterventionsCarriedOut = true, InterventionsEffective = true },
        })).Case;
    }

    /// <summary>Brings a new case to <paramref name="state"/> along the usual path.</summary>
    public Task<SipCase> InStateAsync(SipState state, Individual? individual = null) => state switch
    {
        SipState.NeedIdentified => ConsentedAsync(individual),
        SipState.Preparing => ReadyToSummonAsync(individual),
        SipState.Summoned => SummonedAsync(individual),
        SipState.PlanEstablished => PlanEstablishedAsync(individual),
        SipState.FollowUp => FollowedUpAsync(individual),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Closed is reached by closing an open case."),
    };
}
