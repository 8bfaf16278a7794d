using Microsoft.Data.Sqlite;

namespace Sip.Workflow.Benchmarks;

/// <summary>Shared set-up: realistic cases, and a fixed clock so runs are comparable.</summary>
internal static class BenchData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static readonly SipActor Actor = new() { UserId = "hsa-bench-1", Organisation = "Vårdcentralen Söder", Role = "fast vårdkontakt" };

    /// <summary>A worker of the unit that takes the lead in <see cref="OpenToCloseAsync"/>: who closes under the default access rules.</summary>
    public static readonly SipActor LeadWorker = new() { UserId = "kommun-bench-2", Organisation = "Socialtjänsten", OrganisationId = "SOL", Role = "biståndshandläggare" };

    public static OpenCase Open(int i) => new()
    {
        Actor = Actor,
        Individual = new Individual { Reference = new SubjectReference($"bench-{i:D8}") },
        Origin = CaseOrigin.Outpatient(),
        IdentifiedBy = PrincipalKind.Region,
    };

    public static RecordConsent Consent(SipCaseId id) => new()
    {
        CaseId = id, Actor = Actor, Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = Now },
    };

    /// <summary>Opens <paramref name="ids"/>.Length cases with full consent, filling in their ids.</summary>
    public static void OpenConsented(SipWorkflow engine, SipCaseId[] ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = engine.OpenCaseAsync(Open(i)).GetAwaiter().GetResult().Case.Id;
            engine.RecordConsentAsync(Consent(ids[i])).GetAwaiter().GetResult();
        }
    }

    /// <summary>The raw baselines' connection to a benchmark file: durable as the store's default (WAL, <c>synchronous = FULL</c>).</summary>
    public static SqliteConnection OpenRaw(string path)
    {
        var raw = new SqliteConnection($"Data Source={path};Pooling=True");
        raw.Open();
        using var pragma = raw.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return raw;
    }

    /// <summary>A case row of the raw baseline's own (an id the engine never touches) in the store's table.</summary>
    public static void InsertRawCase(SqliteConnection raw, string id, long version, string subject, string document)
    {
        using var insert = raw.CreateCommand();
        insert.CommandText = "INSERT INTO sip_cases (id, version, state, subject_ref, document_version, document) VALUES ($id, $v, 1, $s, 1, $d);";
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$v", version);
        insert.Parameters.AddWithValue("$s", subject);
        insert.Parameters.AddWithValue("$d", document);
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// The raw baselines' write, as the engine's store writes a command: one case row updated where its version matches, and
    /// one event row inserted, in the caller's transaction.
    /// </summary>
    public static void RawWrite(SqliteConnection raw, SqliteTransaction transaction, string id, long version, string document, string eventDocument)
    {
        using (var update = raw.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE sip_cases SET version = $next, document = $d WHERE id = $id AND version = $v;";
            update.Parameters.AddWithValue("$next", version + 1);
            update.Parameters.AddWithValue("$d", document);
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$v", version);
            if (update.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException("The raw baseline lost its own row.");
            }
        }

        using var insert = raw.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO sip_events (case_id, sequence, command_id, event_type, occurred_at, hash, document) VALUES ($c, $s, NULL, 'Raw', 0, 'h', $d);";
        insert.Parameters.AddWithValue("$c", id);
        insert.Parameters.AddWithValue("$s", version + 1);
        insert.Parameters.AddWithValue("$d", eventDocument);
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// A key for the schema this build of the SQLite store writes: a cached benchmark database built by another build (another
    /// branch, an older release) is rebuilt rather than migrated or misread.
    /// </summary>
    public static string SchemaKey { get; } = ComputeSchemaKey();

    /// <summary>Whether a cached benchmark database is there, complete, and of this build's schema and document contents.</summary>
    public static bool IsCachedAndCurrent(string path)
        => File.Exists(path) && File.Exists(path + ".complete") && File.ReadAllText(path + ".complete") == SchemaKey;

    /// <summary>Marks a cached benchmark database complete for this build's schema.</summary>
    public static void MarkCached(string path) => File.WriteAllText(path + ".complete", SchemaKey);

    private static string ComputeSchemaKey()
    {
        var path = TempDatabase($"schema-key-{Guid.NewGuid():N}.db");
        try
        {
            using (var store = new Sip.Workflow.Sqlite.SqliteSipCaseStore(path))
            {
                store.InitializeAsync().GetAwaiter().GetResult();
            }

            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using var schema = connection.CreateCommand();
            schema.CommandText = "SELECT (SELECT user_version FROM pragma_user_version) || ':' || group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name);";
            // And what the seeded documents hold: a database seeded before the open deadlines were sealed is built again.
            var text = (string)schema.ExecuteScalar()! + "|documents with open deadlines, and access keys";
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        }
        finally
        {
            Delete(path);
        }
    }

    /// <summary>The benchmarked command: accepted in every open state and leaves the case the same size, so it can repeat.</summary>
    public static ChangeIndividual Toggle(SipCaseId id, bool on) => new() { CaseId = id, Actor = Actor, HasProtectedIdentity = on };

    /// <summary>The social services unit that takes the lead in the cases these helpers establish a plan for.</summary>
    public static readonly OrganisationReference SocialServices = new() { Name = "Socialtjänsten", Identifier = "SOL" };

    /// <summary>Open, consent, prepare, two principals, meeting, summons, attendance: 8 commands, the clock at the meeting.</summary>
    public static async Task<SipCaseId> PlanMeetingHeldAsync(SipWorkflow engine, MutableClock clock, int n)
    {
        var w = engine;
        var a = Actor;
        clock.Now = BenchData.Now;
        var id = (await w.OpenCaseAsync(Open(n))).Case.Id;
        await w.RecordConsentAsync(Consent(id));
        await w.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = a });
        await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = a, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = SocialServices } });
        await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = a, Participant = new Participant { Kind = ParticipantKind.RegionalHealthCare, Organisation = new OrganisationReference { Name = "Vårdcentralen" } } });
        var meeting = new Meeting
        {
            Id = MeetingId.New(), Purpose = MeetingPurpose.PlanMeeting, StartsAt = clock.Now.AddDays(7), Duration = TimeSpan.FromHours(1),
            Form = MeetingForm.Digital, DigitalLink = new Uri("https://mote.example.se/sip"), Questions = ["Vilket stöd behövs?"],
        };
        await w.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = a, Meeting = meeting });
        var summoned = await w.SendSummonsAsync(new SendSummons { CaseId = id, Actor = a });
        clock.Now = meeting.StartsAt;
        await w.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = id, Actor = a, MeetingId = meeting.Id,
            Attendance = [.. summoned.Case.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
        });
        return id;
    }

    /// <summary>Open, consent, prepare, two principals, meeting, summons, attendance, plan, follow-up, close: 11 commands.</summary>
    public static async Task<SipCase> OpenToCloseAsync(SipWorkflow engine, MutableClock clock, int n)
    {
        var w = engine;
        var a = Actor;
        var id = await PlanMeetingHeldAsync(engine, clock, n);
        await w.EstablishPlanAsync(new EstablishPlan
        {
            CaseId = id,
            Actor = a,
            LeadPrincipal = Lead,
            FollowUpBooking = new FollowUpBooking { At = clock.Now.AddMonths(3), Place = "Digitalt" },
            Plan = new SipPlan { Goals = [
                new Goal { Id = GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Bo kvar hemma" },
                new Goal { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = "Klara morgonen" },
            ], Interventions = [
                new Intervention { Id = InterventionId.New(), What = "Hemtjänst", Responsible = ResponsibleKind.Municipality, When = "Dagligen", Where = "Hemma" },
                new Intervention { Id = InterventionId.New(), What = "Läkemedelsgenomgång", Responsible = ResponsibleKind.Region, When = "Inom två veckor", Where = "Vårdcentralen" },
            ], NoActionsByOthers = true, WhatMattersToIndividual = "Att få bo kvar hemma.", IndividualParticipation = new IndividualParticipation { Participated = true } },
        });
        clock.Now = clock.Now.AddMonths(3);
        await w.RecordFollowUpAsync(new RecordFollowUp { CaseId = id, Actor = a, FollowUp = new FollowUpRecord { HeldAt = clock.Now, Progress = "Målen är nådda." } });
        return (await w.CloseCaseAsync(new CloseCase { CaseId = id, Actor = LeadWorker, Reason = ClosureReason.CoordinationNoLongerNeeded })).Case;
    }

    /// <summary>The lead principal the cases these helpers establish a plan for are given.</summary>
    public static readonly LeadPrincipal Lead = new() { Principal = PrincipalKind.Municipality, Organisation = SocialServices, Coordinator = new ContactPerson { Name = "Anna Lind" } };

    /// <summary>The case counts of a scale benchmark: SIP_BENCH_SCALE (comma-separated) when set, else <paramref name="defaults"/>.</summary>
    public static IEnumerable<int> ScaleSizes(string defaults)
        => (Environment.GetEnvironmentVariable("SIP_BENCH_SCALE") ?? defaults)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

    public static string TempDatabase(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sip-workflow-benchmarks");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        Delete(path);
        return path;
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>A clock that stands still: every run sees the same time, and no deadline drifts during a benchmark.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal sealed class MutableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
