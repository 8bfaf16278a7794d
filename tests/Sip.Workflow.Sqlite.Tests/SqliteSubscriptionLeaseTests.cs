using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>
/// Two processes on one file (two stores over it): a subscriber's lease that is not renewed runs out and the other takes
/// over, and the first can no longer save.
/// </summary>
public sealed class SqliteSubscriptionLeaseTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_lease_left_unrenewed_runs_out_and_the_process_that_lost_it_cannot_save()
    {
        await using var first = new SqliteSipCaseStore(_db.PathOf());
        await using var second = new SqliteSipCaseStore(_db.PathOf());
        var held = await first.TryAcquireAsync("region-export", TimeSpan.FromSeconds(1), Ct);
        await held!.SaveAsync(5, Ct);
        (await second.TryAcquireAsync("region-export", TimeSpan.FromSeconds(1), Ct)).Should().BeNull("the first process holds it");

        // The first process hangs: it neither renews nor lets go.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var taken = await second.TryAcquireAsync("region-export", TimeSpan.FromSeconds(30), Ct);

        taken.Should().NotBeNull();
        taken!.Position.Should().Be(5);
        var late = () => held.SaveAsync(6, Ct);
        await late.Should().ThrowAsync<SipTransientStoreException>().WithMessage("*another reader took it*");
        await held.DisposeAsync();
        (await second.TryAcquireAsync("region-export", TimeSpan.FromSeconds(30), Ct)).Should().BeNull("letting go of a lost lease frees nothing");
        await taken.DisposeAsync();
        await using var after = await second.TryAcquireAsync("region-export", TimeSpan.FromSeconds(30), Ct);
        after!.Position.Should().Be(5, "the refused save changed nothing");
    }
}
