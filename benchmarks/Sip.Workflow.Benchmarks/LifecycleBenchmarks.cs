using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Sip.Workflow.Sqlite;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// One SIP from need identified to closed on SQLite, every step a durable command: what a region's throughput is
/// bounded by. The "Cases/s" column is one case's full lifecycle per second on one thread.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class LifecycleBenchmarks
{
    private string _path = null!;
    private SipWorkflow _engine = null!;
    private MutableClock _clock = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchData.TempDatabase("lifecycle.db");
        _clock = new MutableClock(BenchData.Now);
        _engine = new SipWorkflow(new SqliteSipCaseStore(_path), new SipWorkflowOptions { Policy = SipPolicy.RegionHalland }, _clock);
    }

    [GlobalCleanup]
    public void Cleanup() => BenchData.Delete(_path);

    /// <summary>Baseline: opening a case alone, one durable command.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> Open_Only() => (await _engine.OpenCaseAsync(BenchData.Open(_next++))).Case.Version;

    /// <summary>Open, consent, prepare, two principals, meeting, summons, attendance, plan, follow-up, close: 11 commands.</summary>
    [Benchmark]
    public async Task<long> Case_OpenToClose()
    {
        var w = _engine;
        var a = BenchData.Actor;
        _clock.Now = BenchData.Now;
        var id = (await w.OpenCaseAsync(BenchData.Open(_next++))).Case.Id;
        await w.RecordConsentAsync(BenchData.Consent(id));
        await w.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = a });
        var social = new OrganisationReference { Name = "Socialtjänsten", Identifier = "SOL" };
        await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = a, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = social } });
        await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = a, Participant = new Participant { Kind = ParticipantKind.RegionalHealthCare, Organisation = new OrganisationReference { Name = "Vårdcentralen" } } });
        var meeting = new Meeting
        {
            Id = MeetingId.New(), Purpose = MeetingPurpose.PlanMeeting, StartsAt = _clock.Now.AddDays(7), Duration = TimeSpan.FromHours(1),
            Form = MeetingForm.Digital, DigitalLink = new Uri("https://mote.example.se/sip"), Questions = ["Vilket stöd behövs?"],
        };
        await w.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = a, Meeting = meeting });
        var summoned = await w.SendSummonsAsync(new SendSummons { CaseId = id, Actor = a });
        _clock.Now = meeting.StartsAt;
        await w.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = id, Actor = a, MeetingId = meeting.Id,
            Attendance = [.. summoned.Case.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
        });
        await w.EstablishPlanAsync(new EstablishPlan
        {
            CaseId = id,
            Actor = a,
            LeadPrincipal = new LeadPrincipal { Principal = PrincipalKind.Municipality, Organisation = social, Coordinator = new ContactPerson { Name = "Anna Lind" } },
            FollowUpBooking = new FollowUpBooking { At = _clock.Now.AddMonths(3), Place = "Digitalt" },
            Plan = new SipPlan { Goals = [
                new Goal { Id = GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Bo kvar hemma" },
                new Goal { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = "Klara morgonen" },
            ], Interventions = [
                new Intervention { Id = InterventionId.New(), What = "Hemtjänst", Responsible = ResponsibleKind.Municipality, When = "Dagligen", Where = "Hemma" },
                new Intervention { Id = InterventionId.New(), What = "Läkemedelsgenomgång", Responsible = ResponsibleKind.Region, When = "Inom två veckor", Where = "Vårdcentralen" },
            ], NoActionsByOthers = true, WhatMattersToIndividual = "Att få bo kvar hemma.", IndividualParticipation = new IndividualParticipation { Participated = true } },
        });
        _clock.Now = _clock.Now.AddMonths(3);
        await w.RecordFollowUpAsync(new RecordFollowUp { CaseId = id, Actor = a, FollowUp = new FollowUpRecord { HeldAt = _clock.Now, Progress = "Målen är nådda." } });
        return (await w.CloseCaseAsync(new CloseCase { CaseId = id, Actor = a, Reason = ClosureReason.CoordinationNoLongerNeeded })).Case.Version;
    }

    private sealed class MutableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new CasesPerSecondColumn());
    }

    /// <summary>Whole lifecycles per second: the inverse of the mean.</summary>
    private sealed class CasesPerSecondColumn : IColumn
    {
        public string Id => nameof(CasesPerSecondColumn);

        public string ColumnName => "Cases/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Whole case lifecycles per second on one thread (1 / Mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
            => summary[benchmarkCase]?.ResultStatistics is { } stats && stats.Mean > 0
                ? (1e9 / stats.Mean).ToString("N1", System.Globalization.CultureInfo.InvariantCulture)
                : "-";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
