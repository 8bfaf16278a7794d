using Microsoft.Data.Sqlite;

namespace Sip.Workflow.Benchmarks;

/// <summary>Shared set-up: realistic cases, and a fixed clock so runs are comparable.</summary>
internal static class BenchData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static readonly SipActor Actor = new() { UserId = "hsa-bench-1", Organisation = "Vårdcentralen Söder", Role = "fast vårdkontakt" };

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

    /// <summary>The benchmarked command: accepted in every open state and leaves the case the same size, so it can repeat.</summary>
    public static ChangeIndividual Toggle(SipCaseId id, bool on) => new() { CaseId = id, Actor = Actor, HasProtectedIdentity = on };

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
