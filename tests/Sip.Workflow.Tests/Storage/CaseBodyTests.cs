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
}
