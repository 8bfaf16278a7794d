using System.Text;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// A case in parts (<see cref="SipCaseItems"/>): the head and the items put together are the whole document, and the
/// changes between two versions take the stored items of one to exactly those of the other.
/// </summary>
public sealed class CaseItemsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A case at each step from opened to a second plan revision with a deviation.</summary>
    private static async Task<List<SipCase>> StepsAsync()
    {
        var s = new SipScenario();
        var steps = new List<SipCase> { await s.ConsentedAsync() };
        var followedUp = await s.FollowedUpAsync();
        steps.Add(followedUp);
        steps.Add((await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(followedUp.Id, s.Time.GetUtcNow().AddMonths(3)), Ct)).Case);
        var deviation = new Deviation { Kind = DeviationKind.DeadlineMissed, Description = "Sen kallelse." };
        steps.Add((await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = followedUp.Id, Actor = s.Actor, Deviation = deviation }, Ct)).Case);
        steps.Add((await s.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = followedUp.Id, Actor = s.Actor, HasProtectedIdentity = false, InterpreterLanguage = "tigrinja" }, Ct)).Case);
        return steps;
    }

    private static Dictionary<(string, int), string> Stored(SipCase sipCase)
        => SipCaseItems.Changes(null, sipCase).Write.ToDictionary(i => (i.List, i.Position), i => Encoding.UTF8.GetString(i.Json.Span));

    [Fact]
    public async Task The_head_and_its_items_in_any_order_read_as_the_whole_document_and_hash_alike()
    {
        foreach (var c in await StepsAsync())
        {
            var head = SipCaseItems.SerializeHeadToUtf8Bytes(c);
            var items = SipCaseItems.Changes(null, c).Write.Reverse().ToList();
            var whole = SipJson.DeserializeCase(SipJson.SerializeCase(c));

            var read = SipCaseItems.DeserializeCase(head, items);

            items.Should().HaveCount(SipCaseItems.Count(c));
            foreach (var list in SipCaseItems.Lists)
            {
                Encoding.UTF8.GetString(head).Should().NotContain($"\"{list}\"");
            }

            SipJson.SerializeCase(read).Should().Be(SipJson.SerializeCase(c));
            read.Should().BeEquivalentTo(whole);
            SipAuditChain.ComputeCaseHash(read).Should().Be(SipAuditChain.ComputeCaseHash(whole)).And.Be(SipAuditChain.ComputeCaseHash(c));
        }
    }

    [Fact]
    public async Task The_changes_of_each_step_take_the_stored_items_of_one_version_to_those_of_the_next_and_write_no_more()
    {
        var steps = await StepsAsync();
        var stored = Stored(steps[0]);
        for (var i = 1; i < steps.Count; i++)
        {
            var (write, shortened) = SipCaseItems.Changes(steps[i - 1], steps[i]);
            foreach (var (list, length) in shortened)
            {
                foreach (var key in stored.Keys.Where(k => k.Item1 == list && k.Item2 >= length).ToList())
                {
                    stored.Remove(key);
                }
            }

            foreach (var item in write)
            {
                stored[(item.List, item.Position)] = Encoding.UTF8.GetString(item.Json.Span);
            }

            stored.Should().BeEquivalentTo(Stored(steps[i]), $"step {i}");
            write.Count.Should().BeLessThanOrEqualTo(2, "a step adds or changes an element or two, and writes only those");
        }

        SipCaseItems.Changes(steps[^2], steps[^1]).Write.Should().BeEmpty("changing the individual changes no list kept apart");
    }

    [Fact]
    public async Task An_element_stored_as_another_release_wrote_it_is_hashed_as_stored_when_a_command_leaves_its_row_unwritten()
    {
        // A later (or earlier) release may write an element otherwise; the rows a command does not write keep the old text,
        // so the hash it seals must be over that text, or the stored case would stop matching its newest event.
        var c = (await StepsAsync())[2];
        var head = SipCaseItems.SerializeHeadToUtf8Bytes(c);
        var items = SipCaseItems.Changes(null, c).Write.ToList();
        var first = items.FindIndex(i => i.List == "planRevisions");
        items[first] = items[first] with { Json = Encoding.UTF8.GetBytes("{\"writtenBy\":\"another release\"," + Encoding.UTF8.GetString(items[first].Json.Span)[1..]) };
        var read = SipCaseItems.DeserializeCase(head, items);

        var next = read with { Version = read.Version + 1 };
        var (write, _) = SipCaseItems.Changes(read, next);
        var storedAfter = SipCaseItems.DeserializeCase(SipCaseItems.SerializeHeadToUtf8Bytes(next), items);

        write.Should().BeEmpty();
        SipAuditChain.ComputeCaseHash(next).Should().Be(SipAuditChain.ComputeCaseHash(storedAfter));
        SipJson.SerializeCase(next).Should().Contain("\"writtenBy\":\"another release\"", "a document written later holds the element as stored");
    }

    [Fact]
    public async Task A_list_that_became_shorter_is_cut_at_its_new_length()
    {
        var c = (await StepsAsync())[^1];
        var shorter = c with { PlanRevisions = [c.PlanRevisions[0]] };

        var (write, shortened) = SipCaseItems.Changes(c, shorter);

        write.Should().BeEmpty();
        shortened.Should().Equal(("planRevisions", 1));
    }

    [Fact]
    public async Task Parts_that_do_not_make_one_document_are_refused_naming_what_is_wrong_and_no_content()
    {
        var c = (await StepsAsync())[^1];
        var head = SipCaseItems.SerializeHeadToUtf8Bytes(c);
        var items = SipCaseItems.Changes(null, c).Write.ToList();
        var revision = items.First(i => i.List == "planRevisions" && i.Position == 0);

        var cases = new (byte[] Head, List<SipCaseItem> Items, string Problem)[]
        {
            (head, [.. items.Where(i => i != revision)], "position 0 is missing or given twice"),
            (head, [.. items, revision], "position 1 is missing or given twice"),
            (head, [.. items.Select(i => i == revision ? i with { List = "hemligt: Anna Andersson" } : i)], "an item names a list that is not kept apart"),
            (SipJson.SerializeCaseToUtf8Bytes(c), items, "the head holds the list"),
            ("{\"documentVersion\":2,\"historyHead\":null}"u8.ToArray(), items, "the head has no case object"),
            (head, [.. items.Select(i => i == revision ? i with { Json = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(i.Json.Span) + "],\"participants\":[{}") } : i)], "is not one JSON object"),
            (head, [.. items.Select(i => i == revision ? i with { Json = "Anna Andersson"u8.ToArray() } : i)], "is not one JSON object"),
        };

        foreach (var (badHead, badItems, problem) in cases)
        {
            var read = () => SipCaseItems.DeserializeCase(badHead, badItems);
            read.Should().Throw<SipStorageException>().WithMessage($"*{problem}*changed outside Sip.Workflow*")
                .Which.Message.Should().NotContain("Anna").And.NotContain(c.Individual.Reference.ToString());
        }

        // A head read alone is held to the same checks, and to being UTF-8 throughout (the parser checks only what it reads as text).
        var heads = new (byte[] Head, string Problem)[]
        {
            (SipJson.SerializeCaseToUtf8Bytes(c), "the head holds the list"),
            ("{\"documentVersion\":2,\"historyHead\":null}"u8.ToArray(), "the head has no case object"),
            ([.. head[..^2], 0xFF, .. head[^2..]], "not valid UTF-8"),
        };
        foreach (var (badHead, problem) in heads)
        {
            var read = () => SipCaseItems.DeserializeHead(badHead);
            read.Should().Throw<SipStorageException>().WithMessage($"*{problem}*changed outside Sip.Workflow*")
                .Which.Message.Should().NotContain(c.Individual.Reference.ToString());
        }

        var newer = () => SipCaseItems.DeserializeHead(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(head).Replace("\"documentVersion\":2", "\"documentVersion\":99", StringComparison.Ordinal)));
        newer.Should().Throw<SipStorageException>().WithMessage("*newer Sip.Workflow*");
        SipCaseItems.DeserializeHead(head).Should().Be(SipTestData.WithoutListsKeptApart(c), "a head is the case without the lists kept apart");

        var nothing = () => SipCaseItems.DeserializeCase(head, null!);
        nothing.Should().Throw<ArgumentNullException>().WithParameterName("items");
        var noHead = () => SipCaseItems.SerializeHeadToUtf8Bytes(null!);
        noHead.Should().Throw<ArgumentNullException>().WithParameterName("sipCase");
        var noCount = () => SipCaseItems.Count(null!);
        noCount.Should().Throw<ArgumentNullException>().WithParameterName("sipCase");
        var noUpdated = () => SipCaseItems.Changes(c, null!);
        noUpdated.Should().Throw<ArgumentNullException>().WithParameterName("updated");
    }
}
