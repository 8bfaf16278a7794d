using CsCheck;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// An event's details (<see cref="SipDetails"/>) behave as the dictionary they were given: the same pairs found by the
/// same keys, equal to the same pairs in any order, and handed to the event hash in ordinal key order.
/// </summary>
public sealed class EventDetailsTests
{
    // Up to 40 pairs: the details sort 16 or fewer themselves, and hand longer ones to Array.Sort.
    private static readonly Gen<Dictionary<string, string>> Dictionaries =
        Gen.Dictionary(Gen.String[Gen.Char["aAbB_ÅåÄä0-"], 1, 6], Gen.String[0, 8])[0, 40]
            .Select(d => new Dictionary<string, string>(d, StringComparer.Ordinal));

    [Fact]
    public void The_details_hold_exactly_the_pairs_given_and_find_each_by_its_key()
        => Dictionaries.Sample(given =>
        {
            var details = SipDetails.Of(given);

            details.Count.Should().Be(given.Count);
            details.Should().BeEquivalentTo(given);
            foreach (var (key, value) in given)
            {
                details.TryGetValue(key, out var found).Should().BeTrue();
                found.Should().Be(value);
                details[key].Should().Be(value);
                details.ContainsKey(key).Should().BeTrue();
            }

            details.ContainsKey("not-a-key").Should().BeFalse();
            details.TryGetValue("not-a-key", out _).Should().BeFalse();
            details.Select(p => p.Key).Should().BeInAscendingOrder(StringComparer.Ordinal);
            details.InKeyOrder.ToArray().Select(p => (p.Key, p.Value)).Should().Equal(details.Select(p => (p.Key, p.Value)));
        });

    [Fact]
    public void The_same_pairs_in_any_order_are_equal_details_with_one_hash_code()
        => Dictionaries.Sample(given =>
        {
            var reversed = new Dictionary<string, string>(given.Reverse(), StringComparer.Ordinal);

            SipDetails.Of(reversed).Equals(SipDetails.Of(given)).Should().BeTrue();
            SipDetails.Of(reversed).GetHashCode().Should().Be(SipDetails.Of(given).GetHashCode());
            if (given.Count > 0)
            {
                var (key, value) = given.First();
                var changed = new Dictionary<string, string>(given, StringComparer.Ordinal) { [key] = value + "x" };
                SipDetails.Of(changed).Equals(SipDetails.Of(given)).Should().BeFalse();
            }
        });

    [Fact]
    public void Pairs_in_any_number_and_order_keep_the_last_value_given_for_each_key_in_ordinal_key_order()
        => Gen.Select(Gen.String[Gen.Char["aAbB_Åå0"], 1, 3], Gen.String[0, 4].Null()).Array[0, 40].Sample(pairs =>
        {
            var expected = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in pairs)
            {
                if (value is not null)
                {
                    expected[key] = value;
                }
            }

            var details = SipDetails.Of(pairs);

            details.Select(p => (p.Key, p.Value)).Should().Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        });

    [Fact]
    public void Pairs_a_command_gives_leave_out_null_values_and_a_later_pair_replaces_an_earlier_one_of_the_same_key()
    {
        var details = SipDetails.Of(("b", "1"), ("a", null), ("c", "2"), ("b", "3"));

        details.Select(p => (p.Key, p.Value)).Should().Equal(("b", "3"), ("c", "2"));
        SipDetails.Of(("a", null)).Should().BeSameAs(SipDetails.Empty);
    }

    [Fact]
    public void A_key_the_details_lack_is_named_in_the_error_and_a_null_key_is_refused()
    {
        var details = SipDetails.Of(("meetingId", "m-1"));

        details.Invoking(d => d["revision"]).Should().Throw<KeyNotFoundException>().WithMessage("*'revision'*");
        details.Invoking(d => d.ContainsKey(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Cast_to_a_writable_dictionary_the_details_refuse_every_change_and_stay_as_they_were()
    {
        var details = SipDetails.Of(("meetingId", "m-1"));
        var writable = (IDictionary<string, string>)details;

        writable.IsReadOnly.Should().BeTrue();
        writable.Invoking(d => d["meetingId"] = "m-2").Should().Throw<NotSupportedException>();
        writable.Invoking(d => d.Add("revision", "2")).Should().Throw<NotSupportedException>();
        writable.Invoking(d => d.Remove("meetingId")).Should().Throw<NotSupportedException>();
        writable.Invoking(d => d.Clear()).Should().Throw<NotSupportedException>();
        writable.Contains(new KeyValuePair<string, string>("meetingId", "m-1")).Should().BeTrue();
        details.Select(p => (p.Key, p.Value)).Should().Equal(("meetingId", "m-1"));
    }

    [Fact]
    public void A_dictionary_holding_one_key_twice_under_its_own_comparer_is_refused_without_naming_it()
    {
        var twice = new Dictionary<string, string>(ReferenceEqualityComparer.Instance as IEqualityComparer<string> ?? StringComparer.Ordinal)
        {
            [new string("secret-key".AsSpan())] = "1",
            [new string("secret-key".AsSpan())] = "2",
        };
        twice.Should().HaveCount(2, "the host's comparer holds both");

        var make = () => SipDetails.Of(twice);

        make.Should().Throw<ArgumentException>().WithParameterName("Details").Which.Message.Should().NotContain("secret-key");
    }

    [Fact]
    public void The_keys_and_values_of_the_details_cast_to_a_writable_dictionary_refuse_a_change_too()
    {
        var writable = (IDictionary<string, string>)SipDetails.Of(("meetingId", "m-1"));

        writable.Keys.Invoking(k => k.Add("revision")).Should().Throw<NotSupportedException>();
        writable.Values.Invoking(v => v.Add("2")).Should().Throw<NotSupportedException>();
    }
}
