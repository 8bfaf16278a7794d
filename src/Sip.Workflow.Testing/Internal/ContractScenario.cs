using Sip.Workflow.Storage;

namespace Sip.Workflow.Testing.Internal;

/// <summary>An engine over the store under test with a clock the test moves, and the steps that bring a case along.</summary>
internal sealed class ContractScenario
{
    public ContractScenario(ISipCaseStore store, SipPolicy? policy = null, ISipAccessPolicy? access = null)
    {
        Store = store;
        Access = access ?? ContractAccess.DefaultWithUnattributedReads;
        Workflow = new SipWorkflow(store, new SipWorkflowOptions { Policy = policy ?? SipPolicy.NationalGuidance, Access = Access }, Clock);
    }

    public ISipCaseStore Store { get; }

    public ISipAccessPolicy Access { get; }

    public ManualClock Clock { get; } = new(ContractData.Start);

    public SipWorkflow Workflow { get; }

    public SipActor Actor { get; } = ContractData.Actor;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<SipCase> OpenAsync(Individual? individual = null, CaseOrigin? origin = null)
        => (await Workflow.OpenCaseAsync(
            new OpenCase
            {
                Actor = Actor,
                Individual = individual ?? ContractData.Adult(),
                Origin = origin ?? CaseOrigin.Outpatient(),
                IdentifiedBy = PrincipalKind.Region,
                IdentifyingUnit = ContractData.PrimaryCareUnit,
            },
            Ct)).Case;

    /// <summary>A case summoned to its plan meeting, the clock standing at the meeting's start.</summary>
    public async Task<SipCase> SummonedAsync(Individual? individual = null, CaseOrigin? origin = null)
    {
        var c = await OpenAsync(individual, origin);
        await Workflow.RecordConsentAsync(
            new RecordConsent
            {
                CaseId = c.Id,
                Actor = Actor,
                Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = Clock.GetUtcNow() },
            },
            Ct);
        await Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = Actor }, Ct);
        foreach (var (kind, unit) in new[] { (ParticipantKind.SocialServices, ContractData.SocialServicesUnit), (ParticipantKind.RegionalHealthCare, ContractData.PrimaryCareUnit) })
        {
            await Workflow.AddParticipantAsync(
                new AddParticipant { CaseId = c.Id, Actor = Actor, Participant = new Participant { Kind = kind, Organisation = unit, HasMandateToDecide = true } },
                Ct);
        }

        await Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = Actor, Meeting = ContractData.PlanMeeting(Clock.GetUtcNow().AddDays(7)) }, Ct);
        var summoned = (await Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = Actor }, Ct)).Case;
        Clock.Set(summoned.PlanMeeting!.StartsAt);
        return summoned;
    }

    /// <summary>A case with an established plan, lead principal and booked follow-up three months ahead.</summary>
    public async Task<SipCase> PlanEstablishedAsync()
    {
        var c = await SummonedAsync();
        return (await Workflow.EstablishPlanAsync(
            new EstablishPlan
            {
                CaseId = c.Id,
                Actor = Actor,
                Plan = ContractData.CompletePlan(),
                LeadPrincipal = ContractData.MunicipalLead,
                FollowUpBooking = ContractData.FollowUpAt(Clock.GetUtcNow().AddMonths(3)),
            },
            Ct)).Case;
    }
}

/// <summary>A clock that stands still until the test moves it: what the engine stamps is then known exactly.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private long _utcTicks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
