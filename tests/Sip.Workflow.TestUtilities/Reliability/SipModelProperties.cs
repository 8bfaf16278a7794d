using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.Storage;

namespace Sip.Workflow.TestUtilities.Reliability;

/// <summary>A step of a generated command sequence. Prints as its name, so a shrunk counterexample reads as a list of steps.</summary>
public enum Op
{
    ConsentToAll,
    ConsentToInformationSharingOnly,
    WithdrawConsent,
    DeclineOffer,
    StartPreparation,
    AddMunicipalUnit,
    AddRegionalUnit,
    ScheduleMeeting,
    SendSummons,
    LetADayPass,
    EstablishCompletePlan,
    EstablishPlanWithoutLeadPrincipal,
    EstablishPlanWithoutFollowUpBooking,
    BookFollowUp,
    RecordFollowUp,
    ReviseCompletePlan,
    RevisePlanWithoutLeadPrincipal,
    Close,
    CloseAndRestart,
    RecordDeviation,
    BadInput,
}

/// <summary>
/// Random sequences of commands, valid and invalid, run against a store and checked step by step against a small
/// reference model of the SIP process. Invariants: no preparation, summons or plan without the consent it needs; no
/// established plan without the statutory content, a lead principal and a booked follow-up (national guidance);
/// closed is terminal; the version rises by exactly one per accepted command; the history holds exactly the accepted
/// commands with an intact hash chain; a rejected command changes nothing.
/// </summary>
/// <remarks>Set SIP_SOAK=1 for a long run.</remarks>
public abstract class SipModelProperties
{
    /// <summary>A new, empty store for one sequence.</summary>
    protected abstract ISipCaseStore CreateStore();

    /// <summary>
    /// A store to check the invariants through: for a database, a second instance over the same data, so the checks
    /// read what was stored rather than what a store remembers.
    /// </summary>
    protected virtual ISipCaseStore CreateReader(ISipCaseStore writer) => writer;

    /// <summary>Releases a store made by <see cref="CreateStore"/> or <see cref="CreateReader"/>.</summary>
    protected virtual void ReleaseStore(ISipCaseStore store)
    {
    }

    /// <summary>How many sequences to run in the default (bounded) mode.</summary>
    protected virtual long Iterations => 150;

    private static bool Soak => Environment.GetEnvironmentVariable("SIP_SOAK") == "1";

    private static readonly Op[] AllOps = Enum.GetValues<Op>();

    private static readonly Op[] Lasting = [.. AllOps.Except([Op.WithdrawConsent, Op.DeclineOffer, Op.Close, Op.CloseAndRestart])];

    // Each step is a pair of numbers: half the time a step the model expects to be accepted, so sequences get deep into
    // the process; four times in ten a step that reaches the requirement checks (accepted or refused by a guard); one time
    // in ten any step at all, valid or not. Steps that end the case come only from that last kind, or few sequences
    // would get past the first steps. The numbers shrink, and the steps taken are printed on failure.
    private static readonly Gen<(int Kind, int Pick)[]> Sequences = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1000]).Array[1, 60];

    [Fact]
    public async Task Random_command_sequences_keep_every_invariant_of_the_process()
    {
        await Sequences.SampleAsync(
            RunAsync,
            iter: Soak ? 20_000 : Iterations,
            threads: 1,
            print: steps => $"{steps.Length} steps (the failure message lists those taken)");
    }

    private async Task RunAsync((int Kind, int Pick)[] steps)
    {
        var store = CreateStore();
        var reader = CreateReader(store);
        try
        {
            var clock = new FakeTimeProvider(SipTestData.Start);
            // The model is of the process, not of who may take each step (the access rules have tests of their own): any
            // step in any order, so the checks are turned off by name.
            var workflow = new SipWorkflow(store, new SipWorkflowOptions { Policy = SipPolicy.NationalGuidance, Access = SipAccessPolicies.AllowAll }, clock);
            var opened = await workflow.OpenCaseAsync(new OpenCase
            {
                Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
            });
            var model = new Model(clock);
            var taken = new List<Op>();
            for (var step = 0; step < steps.Length; step++)
            {
                var (kind, pick) = steps[step];
                var candidates = kind switch
                {
                    0 => AllOps,
                    < 5 => [.. Lasting.Where(o => model.Predict(o) is Outcome.Accepted or Outcome.RequirementsNotMet)],
                    _ => [.. Lasting.Where(o => model.Predict(o) == Outcome.Accepted)],
                };
                candidates = candidates.Length == 0 ? AllOps : candidates;
                var op = candidates[pick % candidates.Length];
                taken.Add(op);
                var expected = model.Predict(op);
                var outcome = await Outcomes.OfAsync(() => Execute(workflow, opened.Case.Id, op, clock));
                if (outcome != expected)
                {
                    throw new InvalidOperationException(
                        $"Step {step + 1} ({op}) in {model.State}: expected {expected}, got {outcome}. Steps: {string.Join(" → ", taken)}");
                }

                if (expected == Outcome.Accepted)
                {
                    model.Apply(op);
                }

                await CheckInvariantsAsync(reader, opened.Case.Id, model, $"after step {step + 1} ({string.Join(" → ", taken)})");
            }
        }
        finally
        {
            ReleaseStore(store);
            if (!ReferenceEquals(reader, store))
            {
                ReleaseStore(reader);
            }
        }
    }

    private static async Task CheckInvariantsAsync(ISipCaseStore store, SipCaseId id, Model model, string when)
    {
        var c = (await store.GetAsync(id))!;
        var history = await store.GetHistoryAsync(id);
        void Assert(bool holds, string what)
        {
            if (!holds)
            {
                throw new InvalidOperationException($"Invariant broken {when}: {what}.");
            }
        }

        Assert(c.State == model.State, $"state is {c.State}, the model says {model.State}");
        Assert(c.Version == model.Events.Count, $"version is {c.Version} after {model.Events.Count} accepted commands");
        Assert(history.Select(e => e.EventType).SequenceEqual(model.Events), "the history is not exactly the accepted commands");
        Assert(SipAuditChain.Verify(history, c).IsIntact, "the hash chain is broken");
        if (c.State is SipState.Preparing or SipState.Summoned or SipState.PlanEstablished or SipState.FollowUp)
        {
            Assert(c.HasConsent(ConsentScope.InformationSharing, SipLegalReferences.SwedishDateOf(c.OpenedAt), SipPolicy.NationalGuidance), "the case is past need identified without consent to information sharing");
        }

        if (c.State is SipState.PlanEstablished or SipState.FollowUp)
        {
            Assert(c.HasConsent(ConsentScope.PlanEstablishment, SipLegalReferences.SwedishDateOf(c.OpenedAt), SipPolicy.NationalGuidance), "a plan exists without consent to establishing it");
            var plan = c.Plan!;
            Assert(plan.Interventions.Any(i => i.Responsible == ResponsibleKind.Municipality)
                && plan.Interventions.Any(i => i.Responsible == ResponsibleKind.Region), "the plan lacks an intervention of each principal");
            Assert(plan.NoActionsByOthers || plan.ActionsByOthers.Any(), "the plan does not state actions by others");
            Assert(c.LeadPrincipal is not null, "the plan has no lead principal");
        }

        if (c.State == SipState.PlanEstablished)
        {
            Assert(c.FollowUpBooking is not null, "an established plan has no booked follow-up");
        }

        // The indexed columns follow the document: the case is found by its own state, lead principal and deadline.
        async Task<bool> Finds(SipCaseQuery query) => (await store.QueryAsync(query)).Cases.Any(x => x.Id == id);
        Assert(await Finds(new SipCaseQuery { State = c.State }), $"a query by state {c.State} does not find the case");
        if (c.LeadPrincipal is { } lead)
        {
            Assert(await Finds(new SipCaseQuery { LeadPrincipal = lead.Principal }), "a query by lead principal does not find the case");
        }

        // The open deadlines sealed with the case are the ones its whole case gives, the first the indexed next deadline, and
        // its head (what due work reads) holds them too.
        var open = SipDeadlines.Open(c, SipPolicy.NationalGuidance);
        Assert(c.OpenDeadlines is { } sealedOpen && sealedOpen.SequenceEqual(open), "the sealed open deadlines are not those of the whole case");
        Assert(c.NextDeadline == (open.Count == 0 ? null : open[0].DueAt), "the next deadline is not the first open deadline");
        var head = (await store.QueryHeadsAsync(new SipCaseQuery { State = c.State, PageSize = SipCaseQuery.MaxPageSize })).Cases.SingleOrDefault(x => x.Id == id);
        Assert(head is not null && head.Version == c.Version && head.OpenDeadlines!.SequenceEqual(open) && head.Participants.SequenceEqual(c.Participants),
            "the case's head does not hold its version, open deadlines and participants");

        Assert(await Finds(new SipCaseQuery { DeadlineAtOrBefore = c.NextDeadline ?? SipLimits.LatestMoment }) == c.NextDeadline is not null,
            "a due-work query disagrees with the case's next deadline");
        if (c.NextDeadline is { } deadline)
        {
            Assert(!await Finds(new SipCaseQuery { DeadlineAtOrBefore = deadline.AddTicks(-1) }), "the case is due earlier than its next deadline");
        }
    }

    private static Task Execute(SipWorkflow w, SipCaseId id, Op op, FakeTimeProvider clock)
    {
        var a = SipTestData.FixedCareContact;
        var now = clock.GetUtcNow();
        return op switch
        {
            Op.ConsentToAll => w.RecordConsentAsync(Consent(id, ConsentScope.All, now)),
            Op.ConsentToInformationSharingOnly => w.RecordConsentAsync(Consent(id, ConsentScope.InformationSharing, now)),
            Op.WithdrawConsent => w.WithdrawConsentAsync(new WithdrawConsent { CaseId = id, Actor = a, WithdrawnBy = ConsentGiver.Individual }),
            Op.DeclineOffer => w.DeclineOfferAsync(new DeclineOffer { CaseId = id, Actor = a }),
            Op.StartPreparation => w.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = a }),
            Op.AddMunicipalUnit => w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = a, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit } }),
            Op.AddRegionalUnit => w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = a, Participant = new Participant { Kind = ParticipantKind.RegionalHealthCare, Organisation = SipTestData.PrimaryCareUnit } }),
            Op.ScheduleMeeting => ScheduleAsync(w, id, now),
            Op.SendSummons => w.SendSummonsAsync(new SendSummons { CaseId = id, Actor = a }),
            Op.LetADayPass => Pass(clock),
            Op.EstablishCompletePlan => w.EstablishPlanAsync(SipTestData.CompletePlan(id, now.AddDays(30))),
            Op.EstablishPlanWithoutLeadPrincipal => w.EstablishPlanAsync(SipTestData.CompletePlan(id, now.AddDays(30)) with { LeadPrincipal = null }),
            Op.EstablishPlanWithoutFollowUpBooking => w.EstablishPlanAsync(SipTestData.CompletePlan(id, now.AddDays(30)) with { FollowUpBooking = null }),
            Op.BookFollowUp => w.BookFollowUpAsync(new BookFollowUp { CaseId = id, Actor = a, Booking = new FollowUpBooking { At = now.AddDays(30), Place = "Digitalt" } }),
            Op.RecordFollowUp => w.RecordFollowUpAsync(new RecordFollowUp { CaseId = id, Actor = a, FollowUp = new FollowUpRecord { HeldAt = now, Progress = "Följd upp." } }),
            Op.ReviseCompletePlan => w.RevisePlanAsync(SipTestData.CompleteRevision(id, now.AddDays(30)) with { LeadPrincipal = SipTestData.MunicipalLead }),
            Op.RevisePlanWithoutLeadPrincipal => w.RevisePlanAsync(SipTestData.CompleteRevision(id, now.AddDays(30))),
            Op.Close => w.CloseCaseAsync(new CloseCase { CaseId = id, Actor = a, Reason = ClosureReason.CoordinationNoLongerNeeded }),
            Op.CloseAndRestart => w.CloseAndRestartAsync(new CloseAndRestart { CaseId = id, Actor = a }),
            Op.RecordDeviation => w.RecordDeviationAsync(new RecordDeviation { CaseId = id, Actor = a, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Avvikelse" } }),
            Op.BadInput => Task.Run(() => w.RecordDeviationAsync(new RecordDeviation { CaseId = id, Actor = a, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Noll\0tecken" } })),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }

    private static RecordConsent Consent(SipCaseId id, ConsentScope scope, DateTimeOffset now) => new()
    {
        CaseId = id, Actor = SipTestData.FixedCareContact, Consent = new Consent { Scope = scope, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = now },
    };

    private static Task ScheduleAsync(SipWorkflow w, SipCaseId id, DateTimeOffset now)
    {
        return Schedule();

        async Task Schedule()
        {
            var c = (await w.GetCaseAsync(id))!;
            var meeting = c.PlanRevisions.Count == 0 ? SipTestData.PlanMeeting(now.AddDays(2)) : SipTestData.FollowUpMeeting(now.AddDays(2));
            await w.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = SipTestData.FixedCareContact, Meeting = meeting });
        }
    }

    private static Task Pass(FakeTimeProvider clock)
    {
        clock.Advance(TimeSpan.FromDays(1));
        return Task.CompletedTask;
    }
}
