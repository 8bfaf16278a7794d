using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// The case body built from memoised parts (<see cref="SipCaseBody"/>) is the body the ordinary serializer writes, and the
/// size the limits check counts is its size: the parts are a way of writing, never a format of their own.
/// </summary>
public sealed class CaseBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<SipCase> RevisedAsync()
    {
        var s = new SipScenario();
        var followedUp = await s.FollowedUpAsync();
        return (await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(followedUp.Id, s.Time.GetUtcNow().AddMonths(3)), Ct)).Case;
    }

    [Fact]
    public async Task The_body_from_parts_is_the_body_the_ordinary_serializer_writes()
    {
        var c = await RevisedAsync();
        var ordinary = JsonSerializer.SerializeToNode(c, SipJsonContext.Default.SipCase)!.AsObject();
        ordinary.Remove("historyHead");

        var fromParts = JsonNode.Parse(SipJson.CaseBody(c))!;

        JsonNode.DeepEquals(fromParts, ordinary).Should().BeTrue();
        fromParts["planRevisions"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task The_size_counted_from_parts_is_the_size_of_the_body()
    {
        var c = await RevisedAsync();
        var fresh = c with { Version = c.Version };

        var (_, bytes) = SipCaseBody.Digest(fresh, default);

        bytes.Should().Be(Encoding.UTF8.GetByteCount(SipJson.CaseBody(c)));
    }

    [Fact]
    public async Task A_revision_changed_in_a_new_case_instance_changes_the_hash_and_the_unchanged_case_keeps_its_own()
    {
        var c = await RevisedAsync();
        var before = SipAuditChain.ComputeCaseHash(c);
        var first = c.PlanRevisions[0];
        var changed = c with { PlanRevisions = [first with { WhatMattersToIndividual = "Något annat" }, c.PlanRevisions[1]] };

        SipAuditChain.ComputeCaseHash(changed).Should().NotBe(before);
        SipAuditChain.ComputeCaseHash(c).Should().Be(before, "the parts of the original revision are its own");
        SipAuditChain.ComputeCaseHash(c with { PlanRevisions = [first, c.PlanRevisions[1]] }).Should().Be(before, "a new list of the same elements hashes alike");
    }

    // The same case as a host would build it anew: nothing remembered, so its hash is made from nothing but its members
    // (read with the plain contract, never registered as a stored document).
    private static SipCase Afresh(SipCase c) => JsonSerializer.Deserialize(JsonSerializer.Serialize(c, SipJsonContext.Default.SipCase), SipJsonContext.Default.SipCase)!;

    [Fact]
    public async Task Versions_made_from_one_case_each_hash_as_the_same_case_built_afresh_in_any_order()
    {
        var c = await RevisedAsync();
        var original = SipAuditChain.ComputeCaseHash(c);

        // Two branches of one lineage share what the digest remembered: each must be told apart by its own values,
        // an instance by identity and a moment with its offset (the same instant written otherwise is another body).
        var renamed = c with { Individual = c.Individual with { HasProtectedIdentity = !c.Individual.HasProtectedIdentity } };
        var moved = c with { OpenedAt = c.OpenedAt.ToOffset(TimeSpan.FromHours(1)) };
        var versioned = c with { Version = c.Version + 7 };
        SipCase[] order = [renamed, moved, c, versioned, renamed, c, moved];
        var expected = order.Select(v => SipAuditChain.ComputeCaseHash(Afresh(v))).ToArray();

        order.Select(v => SipAuditChain.ComputeCaseHash(v)).Should().Equal(expected);
        expected.Distinct().Should().HaveCount(4, "each branch differs from the others in one member");
        SipAuditChain.ComputeCaseHash(c).Should().Be(original);
    }

    [Fact]
    public async Task Branches_of_one_lineage_hashed_on_many_threads_at_once_each_hash_as_built_afresh()
    {
        var c = await RevisedAsync();
        var branches = Enumerable.Range(0, 16)
            .Select(i => c with { Individual = c.Individual with { HasProtectedIdentity = i % 2 == 0 }, Version = c.Version + i, OpenedAt = c.OpenedAt.AddMinutes(i % 3) })
            .ToArray();
        var expected = branches.Select(b => SipAuditChain.ComputeCaseHash(Afresh(b))).ToArray();

        var mismatches = 0;
        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var at = (i * 7) % branches.Length;
            if (SipAuditChain.ComputeCaseHash(branches[at]) != expected[at])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        mismatches.Should().Be(0);
    }

    [Fact]
    public async Task What_the_digest_remembered_is_no_part_of_the_cases_value()
    {
        var c = await RevisedAsync();
        var fresh = Afresh(c);
        _ = SipAuditChain.ComputeCaseHash(c);

        fresh.Should().Be(c);
        fresh.GetHashCode().Should().Be(c.GetHashCode());
        (c with { }).Should().Be(fresh);
    }
}
