using System.ComponentModel;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Tests.Domain;

/// <summary>Records mean value equality, lists included; ids parse and format like the Guids they wrap.</summary>
public sealed class ValueSemanticsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_the_engine_sealed_cannot_be_sealed_again_and_its_hash_is_over_its_own_content()
    {
        // The engine sets the hash on the event it has just made rather than copying it; once set, it never changes.
        var s = new SipScenario();
        var c = await s.OpenAsync();
        var changed = await s.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = true }, Ct);

        var sealedEvent = changed.Event;
        var again = () => sealedEvent.SealWith(new string('0', 64));

        again.Should().Throw<InvalidOperationException>();
        sealedEvent.Hash.Should().Be(SipAuditChain.ComputeHash(sealedEvent));
        (await s.Store.GetHistoryAsync(c.Id, Ct))[^1].Should().Be(sealedEvent);
    }

    [Fact]
    public async Task An_event_is_never_sealed_with_an_empty_hash_and_stays_open_to_its_one_sealing()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        var unsealed = (await s.Store.GetHistoryAsync(c.Id, Ct))[0] with { Hash = string.Empty };

        var empty = () => unsealed.SealWith(string.Empty);
        var none = () => unsealed.SealWith(null!);

        empty.Should().Throw<ArgumentException>().WithParameterName("hash");
        none.Should().Throw<ArgumentException>().WithParameterName("hash");
        unsealed.Hash.Should().BeEmpty();
        unsealed.SealWith(SipAuditChain.ComputeHash(unsealed));
        unsealed.Hash.Should().Be(SipAuditChain.ComputeHash(unsealed));
    }

    [Fact]
    public async Task The_parties_a_summons_still_awaits_replies_from_are_a_list_no_caller_can_write_to()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();

        var outstanding = c.RepliesOutstanding;

        outstanding.Should().NotBeEmpty("the case this test needs: a summons awaiting replies");
        outstanding.Should().NotBeOfType<Participant[]>();
        ((ICollection<Participant>)outstanding).IsReadOnly.Should().BeTrue();
    }

    [Fact]
    public void Two_plans_built_from_equal_values_are_equal()
    {
        var goals = SipTestData.Goals();
        var interventions = SipTestData.Interventions();
        var a = new SipPlan { Goals = [.. goals], Interventions = [.. interventions], WhatMattersToIndividual = "Katten" };
        var b = new SipPlan { Goals = goals.ToList(), Interventions = interventions.ToArray(), WhatMattersToIndividual = "Katten" };

        a.Should().Be(b);
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a with { Goals = [.. goals.Take(1)] }).Should().NotBe(b, "a plan with other goals is another plan");
    }

    [Fact]
    public void A_default_empty_list_equals_an_empty_list_given_or_read_back()
    {
        new SipPlan().Should().Be(new SipPlan { Goals = [], Interventions = new List<Intervention>() });
        var meeting = SipTestData.PlanMeeting(SipTestData.Start);
        (meeting with { Questions = [.. meeting.Questions], Attendance = [] }).Should().Be(meeting);
    }

    [Fact]
    public async Task A_case_equals_itself_after_a_JSON_round_trip_and_two_reads_are_equal()
    {
        var s = new SipScenario();
        var established = await s.PlanEstablishedAsync();

        SipJson.DeserializeCase(SipJson.SerializeCase(established)).Should().Be(established);
        SipJson.DeserializeCase(SipJson.SerializeCase(established)).Should().Be(SipJson.DeserializeCase(SipJson.SerializeCase(established)));
        (await s.Workflow.GetCaseAsync(established.Id, Ct)).Should().Be(established);
    }

    [Fact]
    public async Task Two_events_with_equal_content_are_equal_also_after_a_JSON_round_trip()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        var history = await s.Store.GetHistoryAsync(c.Id, Ct);
        var consent = history[^1];
        var copy = consent with { Details = consent.Details.ToDictionary(kv => kv.Key, kv => kv.Value) };

        copy.Should().Be(consent);
        copy.GetHashCode().Should().Be(consent.GetHashCode());
        SipJson.DeserializeEvent(SipJson.SerializeEvent(consent)).Should().Be(consent);
        (consent with { Details = new Dictionary<string, string>(consent.Details) { ["scope"] = "forged" } }).Should().NotBe(consent);
    }

    [Fact]
    public void Ids_parse_and_format_as_their_guid_and_refuse_what_is_not_one()
    {
        var guid = Guid.NewGuid();
        SipCaseId.Parse(guid.ToString()).Should().Be(new SipCaseId(guid));
        SipCaseId.Parse(guid.ToString("N")).Should().Be(new SipCaseId(guid));
        ParticipantId.TryParse(guid.ToString(), out var participant).Should().BeTrue();
        participant.Value.Should().Be(guid);
        Parse<MeetingId>(guid.ToString()).Value.Should().Be(guid);
        $"{new GoalId(guid)}".Should().Be(guid.ToString("D"));
        $"{new GoalId(guid):N}".Should().Be(guid.ToString("N"), "an id formats like its Guid");

        SipCaseId.TryParse("not-an-id", out _).Should().BeFalse();
        SipCaseId.TryParse(Guid.Empty.ToString(), out _).Should().BeFalse("the empty Guid is no id");
        SipCaseId.TryParse(null, out _).Should().BeFalse();
        var bad = () => SipCaseId.Parse("42");
        bad.Should().Throw<FormatException>().WithMessage("*not a SipCaseId*non-empty Guid*");
    }

    [Fact]
    public void New_case_and_command_ids_begin_with_their_time_so_ids_made_later_sort_later()
    {
        // Stores key rows by the id's text: ids that sort by creation put the rows of cases opened together in the same pages.
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var first = SipCaseId.New();
        var command = CommandId.New();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        first.Value.Version.Should().Be(7);
        command.Value.Version.Should().Be(7);
        MillisecondOf(first.Value).Should().BeInRange(before, after);
        MillisecondOf(command.Value).Should().BeInRange(before, after);

        // Within one millisecond the rest is random; a millisecond later the id sorts after, as text and as a Guid.
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() <= MillisecondOf(first.Value))
        {
            Thread.Yield();
        }

        var later = SipCaseId.New();
        string.CompareOrdinal(later.ToString(), first.ToString()).Should().BePositive();
        later.Value.CompareTo(first.Value).Should().BePositive();
        SipCaseId.New().Should().NotBe(SipCaseId.New());
    }

    // A version 7 Guid's first 48 bits are Unix milliseconds, written first in its text.
    private static long MillisecondOf(Guid id) => Convert.ToInt64(id.ToString("N")[..12], 16);

    [Fact]
    public void Ids_convert_from_text_for_configuration_and_older_binders()
    {
        var guid = Guid.NewGuid();
        var converter = TypeDescriptor.GetConverter(typeof(CommandId));
        converter.CanConvertFrom(typeof(string)).Should().BeTrue();
        converter.ConvertFromInvariantString(guid.ToString()).Should().Be(new CommandId(guid));
        converter.ConvertToInvariantString(new CommandId(guid)).Should().Be(guid.ToString("D"));
        var bad = () => converter.ConvertFromInvariantString("x");
        bad.Should().Throw<FormatException>();
        var empty = () => converter.ConvertFrom(Guid.Empty);
        empty.Should().Throw<FormatException>().WithMessage("*not a CommandId*non-empty Guid*");
    }

    // What ASP.NET Core's binder and generic host code call: the static abstract members of IParsable<T>.
    private static T Parse<T>(string text)
        where T : IParsable<T>
        => T.Parse(text, null);
}
