using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Indicators;

/// <summary>
/// After random sequences of commands over several cases, valid and refused, with the projection brought up to date at
/// random points: the projection equals a full recomputation from the cases, and one rebuilt from scratch.
/// </summary>
public sealed class IndicatorPropertyTests
{
    private static readonly Gen<(int Op, int Pick)[]> Sequences = Gen.Select(Gen.Int[0, 16], Gen.Int[0, 1000]).Array[1, 50];

    [Fact]
    public async Task The_projection_kept_from_the_feed_equals_a_full_recomputation_after_random_command_sequences()
    {
        await Sequences.SampleAsync(RunAsync, iter: 120, threads: 1, print: steps => string.Join(" ", steps.Select(s => $"{s.Op}:{s.Pick}")));
    }

    private static async Task RunAsync((int Op, int Pick)[] steps)
    {
        var store = new InMemorySipCaseStore();
        var time = new FakeTimeProvider(SipTestData.Start);
        var workflow = new SipWorkflow(store, new SipWorkflowOptions { Policy = SipPolicy.NationalGuidance }, time);
        var incremental = new SipIndicators(store, store, workflow.Policies, new SipIndicatorOptions { MinimumCellSize = 1 }, time);
        var ids = new List<SipCaseId>();
        foreach (var (op, pick) in steps)
        {
            try
            {
                await StepAsync(workflow, time, incremental, ids, op, pick);
            }
            catch (Exception refused) when (refused is ArgumentException or SipWorkflowException)
            {
                // A refused command changes nothing; the sequence goes on.
            }
        }

        await incremental.CatchUpAsync();

        // Full recomputation: every case as it stands, through the same rules, summed.
        var rows = new List<SipIndicatorCaseRow>();
        foreach (var id in await store.ListCaseIdsAsync(null, 1000))
        {
            var sipCase = (await store.GetAsync(id))!;
            rows.Add(SipIndicatorRules.Compute(sipCase, SipPolicy.NationalGuidance));
        }

        var first = new SipYearMonth(2026, 1);
        var last = new SipYearMonth(2028, 12);
        var expected = SipIndicators.Sum(rows).Select(Key).Order(StringComparer.Ordinal).ToList();
        var kept = (await store.ReadIndicatorCellsAsync(first, last)).Select(Key).Order(StringComparer.Ordinal).ToList();
        Assert(kept.SequenceEqual(expected), $"the projection's sums differ from a full recomputation: {kept.Count} against {expected.Count}");
        var held = await store.GetIndicatorCasesAsync([.. rows.Select(r => r.CaseId)]);
        Assert(held.Count == rows.Count && rows.All(r => held.Single(h => h.CaseId == r.CaseId).HoldsSameAs(r)), "a case's row differs from its recomputation");

        // Rebuilt from scratch into another store: the same report, to the last number.
        var rebuilt = new SipIndicators(store, new InMemorySipCaseStore(), workflow.Policies, new SipIndicatorOptions { MinimumCellSize = 1 }, time);
        await rebuilt.RebuildAsync();
        var period = new SipIndicatorPeriod(first, last);
        var a = (await incremental.GetIndicatorsAsync(period)).ToJson();
        var b = (await rebuilt.GetIndicatorsAsync(period)).ToJson();
        Assert(a == b, "the report of the projection kept step by step differs from the rebuilt one");
    }

    private static void Assert(bool holds, string what)
    {
        if (!holds)
        {
            throw new InvalidOperationException(what);
        }
    }

    private static string Key(SipIndicatorCell c) => $"{c.Month}|{c.Metric}|{c.Value}|{c.Dimensions}|{c.Count}";

    private static async Task StepAsync(SipWorkflow w, FakeTimeProvider time, SipIndicators incremental, List<SipCaseId> ids, int op, int pick)
    {
        var actor = SipTestData.FixedCareContact;
        var now = time.GetUtcNow();
        if (op == 0 || ids.Count == 0)
        {
            CaseOrigin[] origins = [CaseOrigin.Outpatient(), CaseOrigin.School(), CaseOrigin.SocialServices(), CaseOrigin.InpatientDischarge(now)];
            var opened = await w.OpenCaseAsync(new OpenCase
            {
                Actor = actor, Individual = SipTestData.Adult($"p-{ids.Count}"), Origin = origins[pick % origins.Length],
                IdentifiedBy = pick % 2 == 0 ? PrincipalKind.Region : PrincipalKind.Municipality,
                IdentifyingUnit = pick % 3 == 0 ? null : SipTestData.PrimaryCareUnit,
            });
            ids.Add(opened.Case.Id);
            return;
        }

        var id = ids[pick % ids.Count];
        var current = (await w.GetCaseAsync(id))!;
        switch (op)
        {
            case 1:
                await w.RecordConsentAsync(new RecordConsent { CaseId = id, Actor = actor, Consent = SipTestData.OwnConsent(now) });
                break;
            case 2:
                await w.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = actor });
                break;
            case 3:
                await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = actor, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit, HasMandateToDecide = true } });
                await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = actor, Participant = new Participant { Kind = ParticipantKind.RegionalHealthCare, Organisation = SipTestData.PrimaryCareUnit, HasMandateToDecide = true } });
                break;
            case 4:
                await w.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = actor, Meeting = SipTestData.PlanMeeting(now.AddDays(2)) });
                break;
            case 5:
                await w.SendSummonsAsync(new SendSummons { CaseId = id, Actor = actor });
                break;
            case 6:
                time.Advance(TimeSpan.FromHours(1 + pick));
                break;
            case 7:
                if (current.PlanMeeting is { } meeting && meeting.StartsAt > now)
                {
                    time.SetUtcNow(meeting.StartsAt);
                }

                var plan = SipTestData.CompletePlan(id, time.GetUtcNow().AddMonths(2));
                await w.EstablishPlanAsync(pick % 4 == 0 ? plan with { Plan = plan.Plan with { KinParticipation = null } } : plan);
                break;
            case 8:
                await w.DeclineOfferAsync(new DeclineOffer { CaseId = id, Actor = actor });
                break;
            case 9:
                await w.WithdrawConsentAsync(new WithdrawConsent { CaseId = id, Actor = actor, WithdrawnBy = ConsentGiver.Individual });
                break;
            case 10:
                await w.RecordDeviationAsync(new RecordDeviation { CaseId = id, Actor = actor, Deviation = new Deviation { Kind = (DeviationKind)(1 + (pick % 5)), Description = "Avvikelse." } });
                break;
            case 11:
            case 16:
                await incremental.CatchUpAsync();
                break;
            case 12:
                await w.RecordFollowUpAsync(new RecordFollowUp { CaseId = id, Actor = actor, FollowUp = new FollowUpRecord { HeldAt = now, Progress = "Går framåt." } });
                break;
            case 13:
                await w.CloseCaseAsync(new CloseCase { CaseId = id, Actor = actor, Reason = ClosureReason.NoNewNeedsExpected });
                break;
            case 14:
                await w.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = id, Actor = actor, NotifiedAt = now });
                break;
            case 15:
                if (current.PlanMeeting is { } held && held.StartsAt <= now)
                {
                    await w.RecordAttendanceAsync(new RecordAttendance
                    {
                        CaseId = id, Actor = actor, MeetingId = held.Id,
                        Attendance = [.. current.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = pick % 3 == 0 ? AttendanceStatus.Absent : AttendanceStatus.Attended })],
                    });
                }

                break;
        }
    }
}
