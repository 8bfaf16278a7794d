using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sip.Workflow.Internal;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Tests.Documentation;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// docs/audit-trail.md is the hash form an auditor verifies with; these tests recompute both hashes from that page, not
/// from the library's code, so the page and the code cannot drift apart.
/// </summary>
public sealed class AuditHashFormTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly SipEvent Sample = new()
    {
        CaseId = new SipCaseId(Guid.Parse("6f1c2b0e-9a4d-4e7b-8c3f-2d5a1b0c9e87")),
        CaseHash = new string('a', 64),
        Sequence = 2,
        EventType = SipEventTypes.ConsentRecorded,
        FromState = SipState.NeedIdentified,
        ToState = SipState.NeedIdentified,
        Actor = new SipActor { UserId = "hsa-vc-1001", Organisation = "Vårdcentralen Söder", Role = "fast vårdkontakt" },
        OccurredAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1)),
        CommandId = new CommandId(Guid.Parse("0b7e6c55-1f3a-4d2e-9b8c-7a6f5e4d3c2b")),
        Details = new Dictionary<string, string> { ["scope"] = "All", ["consentId"] = "c-1" },
        PreviousHash = new string('b', 64),
        Hash = string.Empty,
    };

    // The page's table, field by field.
    private static string Fields(SipEvent e)
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value is null ? "-1:|" : $"{value.Length}:{value}|");
        Field(e.CaseId.Value.ToString("D"));
        Field(e.CaseHash);
        Field(e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(e.EventType);
        Field(e.FromState?.ToString());
        Field(e.ToState.ToString());
        Field(e.Actor.UserId);
        Field(e.Actor.Organisation);
        Field(e.Actor.Role);
        Field(e.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(e.CommandId?.Value.ToString("D"));
        foreach (var key in e.Details.Keys.Order(StringComparer.Ordinal))
        {
            Field(key);
            Field(e.Details[key]);
        }

        Field(e.PreviousHash);
        return text.ToString();
    }

    [Fact]
    public void The_event_hash_is_sha256_over_the_documented_fields()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Fields(Sample))));

        SipAuditChain.ComputeHash(Sample).Should().Be(expected);
        Fields(Sample).Should().StartWith("36:6f1c2b0e-9a4d-4e7b-8c3f-2d5a1b0c9e87|64:aaaa").And.Contain("|15:ConsentRecorded|14:NeedIdentified|14:NeedIdentified|11:hsa-vc-1001|19:Vårdcentralen Söder|").And.EndWith("|64:" + new string('b', 64) + "|");
    }

    // The page's second table: the form's name, the first form's fields 1–11, the fingerprint, the key id, the number of
    // details, the details, the previous hash.
    private static string FieldsOfTheSecondForm(SipEvent e, string name = "sip-event/2")
    {
        var first = Fields(e);
        var prefixEnd = 0;
        for (var field = 0; field < 11; field++)
        {
            var colon = first.IndexOf(':', prefixEnd);
            var length = int.Parse(first[prefixEnd..colon], CultureInfo.InvariantCulture);
            prefixEnd = colon + 1 + Math.Max(length, 0) + 1;
        }

        static string F(string? value) => value is null ? "-1:|" : $"{value.Length}:{value}|";
        var rest = first[prefixEnd..];
        return F(name) + first[..prefixEnd] + F(e.CommandFingerprint) + F(e.AuditKeyId)
            + F(e.Details.Count.ToString(CultureInfo.InvariantCulture)) + rest;
    }

    [Fact]
    public void The_second_form_adds_its_name_the_fingerprint_the_key_id_and_the_number_of_details()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var second = Sample with { HashVersion = 2, CommandFingerprint = new string('c', 64), AuditKeyId = "2026-a" };

        SipAuditChain.ComputeHash(second, key).Should().Be(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(FieldsOfTheSecondForm(second)))));
        FieldsOfTheSecondForm(second).Should().StartWith("11:sip-event/2|36:6f1c2b0e").And.Contain("|64:" + new string('c', 64) + "|6:2026-a|1:2|9:consentId|3:c-1|5:scope|3:All|")
            .And.EndWith("|64:" + new string('b', 64) + "|");
        SipAuditChain.ComputeHash(second with { HashVersion = 1 }).Should().NotBe(SipAuditChain.ComputeHash(second), "the form is part of what is hashed");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void The_third_and_fourth_forms_write_the_second_forms_fields_under_their_own_names(int form)
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var e = Sample with { HashVersion = form, CommandFingerprint = new string('c', 64), AuditKeyId = "2026-a" };

        SipAuditChain.ComputeHash(e, key).Should().Be(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(FieldsOfTheSecondForm(e, $"sip-event/{form}")))));
        SipAuditChain.ComputeHash(e with { HashVersion = form == 3 ? 4 : 3 }, key).Should().NotBe(SipAuditChain.ComputeHash(e, key), "an event of one form never verifies as the other");
    }

    [Fact]
    public void With_an_audit_key_the_event_hash_is_hmac_sha256_over_the_same_fields()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        SipAuditChain.ComputeHash(Sample, key).Should().Be(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Fields(Sample)))));
    }

    [Fact]
    public void The_form_is_pinned_a_known_event_has_a_known_hash()
    {
        // Version 1 of the form. If this changes, every stored history stops verifying: add a new form, never edit this one.
        SipAuditChain.ComputeHash(Sample).Should().Be(PinnedSampleHash);
    }

    private const string PinnedSampleHash = "d9934c1c80fcc81303374f0ac8cebd2d0d0e4ac3cc43411d8faef5a7a624ece2";

    [Theory]
    [InlineData(9_007_199_254_740_992L)]
    [InlineData(9_007_199_254_740_993L)]
    [InlineData(long.MaxValue)]
    public async Task A_version_a_double_cannot_hold_exactly_hashes_from_parts_as_the_canonical_form_of_the_stored_text_does(long version)
    {
        // RFC 8785 writes a number as the double it reads as; above 2^53 that is not the integer's digits.
        var c = (await new SipScenario().ConsentedAsync()) with { Version = version };

        SipAuditChain.ComputeCaseHash(c).Should().Be(SipAuditChain.ComputeCaseHash(SipJson.DeserializeCase(SipJson.SerializeCase(c))));
    }

    [Fact]
    public async Task The_case_hash_of_forms_1_and_2_is_sha256_over_the_canonical_form_of_the_stored_case_body()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var document = SipJson.SerializeCase(c);
        var body = System.Text.Json.JsonDocument.Parse(document).RootElement.GetProperty("case").GetRawText();
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var expected = Convert.ToHexStringLower(SHA256.HashData(SipCanonicalJson.Canonicalize(body)));

        SipAuditChain.ComputeCaseHash(SipJson.DeserializeCase(document), hashForm: 2).Should().Be(expected);
        SipAuditChain.ComputeCaseHash(c, hashForm: 2).Should().Be(expected, "a case this version built hashes as the body it writes");
        SipAuditChain.ComputeCaseHash(c, key, hashForm: 1).Should().Be(expected, "the first form was never keyed");
        SipAuditChain.ComputeCaseHash(c, key, hashForm: 2).Should().Be(Convert.ToHexStringLower(HMACSHA256.HashData(key, SipCanonicalJson.Canonicalize(body))));
        body.Should().NotContain("historyHead", "the head is derived from the event hash and cannot be inside what it hashes");
    }

    [Fact]
    public async Task The_fourth_forms_case_hash_is_recomputed_from_the_page_over_the_stored_document_and_the_third_still_is()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        foreach (var keyed in new[] { false, true })
        {
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SipTestData.Start);
            var store = new InMemory.InMemorySipCaseStore();
            var options = keyed ? new SipWorkflowOptions { AuditKeyId = "2026-a", AuditKey = key } : new SipWorkflowOptions();
            var s = new SipScenario(new SipWorkflow(store, options, time), store, time);
            var followedUp = await s.FollowedUpAsync();
            var revised = await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(followedUp.Id, time.GetUtcNow().AddMonths(3)), Ct);
            var document = SipJson.SerializeCase(revised.Case);

            var expected = DigestedCaseHash(document, keyed ? key : null, form: 4);

            revised.Event.HashVersion.Should().Be(4);
            revised.Event.CaseHash.Should().Be(expected);
            SipAuditChain.ComputeCaseHash(SipJson.DeserializeCase(document), keyed ? key : default).Should().Be(expected, "the stored text, read back, hashes the same");
            SipAuditChain.ComputeCaseHash(revised.Case, keyed ? key : default, hashForm: 3).Should().Be(DigestedCaseHash(document, keyed ? key : null, form: 3));
            SipAuditChain.ComputeCaseHash(SipJson.DeserializeCase(document), keyed ? key : default, hashForm: 3).Should().Be(DigestedCaseHash(document, keyed ? key : null, form: 3));
            revised.Case.PlanRevisions.Should().HaveCount(2);
            revised.Case.Deviations.Should().BeEmpty("an empty list is what the fourth form keeps as it is");
        }
    }

    [Fact]
    public async Task The_third_form_sees_a_change_to_one_old_revision_in_a_stored_document()
    {
        var s = new SipScenario();
        var followedUp = await s.FollowedUpAsync();
        var revised = await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(followedUp.Id, s.Time.GetUtcNow().AddMonths(3)), Ct);
        var history = await s.Store.GetHistoryAsync(revised.Case.Id, Ct);
        var document = System.Text.Json.Nodes.JsonNode.Parse(SipJson.SerializeCase(revised.Case))!;
        SipAuditChain.Verify(history, SipJson.DeserializeCase(document.ToJsonString())).Should().Be(SipAuditVerification.Intact);

        var goal = document["case"]!["planRevisions"]![0]!["goals"]![0]!;
        goal["text"] = goal["text"]!.GetValue<string>() + " (ändrad i efterhand)";
        var tampered = SipJson.DeserializeCase(document.ToJsonString());

        var verification = SipAuditChain.Verify(history, tampered);
        verification.IsIntact.Should().BeFalse("the first revision is inside the hash through its list's digest");
        verification.Problem.Should().Contain("changed outside the engine");
    }

    [Fact]
    public async Task A_list_replaced_by_its_own_digest_does_not_hash_as_the_list()
    {
        // The digest form writes a list as ["<digest>"]; a stored body that holds that very text instead of the list must
        // not pass for the list: every array is digested, whatever it holds.
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var document = System.Text.Json.Nodes.JsonNode.Parse(SipJson.SerializeCase(c))!;
        var revisions = document["case"]!["planRevisions"]!.ToJsonString();
        string Hash() => Convert.ToHexStringLower(SipCanonicalJson.HashWithListDigests(System.Text.Json.JsonDocument.Parse(document["case"]!.ToJsonString()).RootElement, default, keepEmptyArrays: true));
        var genuine = Hash();
        document["case"]!["planRevisions"] = new System.Text.Json.Nodes.JsonArray(ListDigest(System.Text.Json.JsonDocument.Parse(revisions).RootElement));

        var forged = Hash();

        genuine.Should().Be(SipAuditChain.ComputeCaseHash(c));
        forged.Should().NotBe(genuine);
    }

    [Fact]
    public async Task In_the_fourth_form_an_empty_list_and_the_digest_of_an_empty_list_do_not_hash_alike()
    {
        // The fourth form keeps an empty list as [] and digests every other: a stored ["<digest of no elements>"] is a list
        // of one string, digested again, never taken for the empty list it names.
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var document = System.Text.Json.Nodes.JsonNode.Parse(SipJson.SerializeCase(c))!;
        document["case"]!["deviations"]!.AsArray().Should().BeEmpty();
        string Hash() => Convert.ToHexStringLower(SipCanonicalJson.HashWithListDigests(System.Text.Json.JsonDocument.Parse(document["case"]!.ToJsonString()).RootElement, default, keepEmptyArrays: true));
        var genuine = Hash();
        document["case"]!["deviations"] = new System.Text.Json.Nodes.JsonArray(Convert.ToHexStringLower(SHA256.HashData([])));

        var forged = Hash();

        genuine.Should().Be(SipAuditChain.ComputeCaseHash(c));
        forged.Should().NotBe(genuine);
    }

    [Fact]
    public async Task The_third_and_fourth_forms_are_pinned_a_known_stored_case_has_a_known_case_hash_in_each()
    {
        // The golden case of document version 2, as stored. If one of these changes, every history of that form stops
        // verifying: add a new form, never edit one.
        var path = Path.Combine(ReadmeTests.Root(), "tests", "Sip.Workflow.Tests", "Storage", "Documents", "v2", "case.json");
        var document = await File.ReadAllTextAsync(path, Ct);

        SipAuditChain.ComputeCaseHash(SipJson.DeserializeCase(document), hashForm: 3).Should().Be(DigestedCaseHash(document, key: null, form: 3)).And.Be(PinnedThirdFormCaseHash);
        SipAuditChain.ComputeCaseHash(SipJson.DeserializeCase(document), hashForm: 4).Should().Be(DigestedCaseHash(document, key: null, form: 4)).And.Be(PinnedFourthFormCaseHash);
        SipAuditChain.ComputeCaseHash(SipJson.DeserializeCase(document)).Should().Be(PinnedFourthFormCaseHash, "the fourth is the form this library writes");
    }

    private const string PinnedThirdFormCaseHash = "a864e1e92b6d139980366a09a9f7e462555caf8a2de6e30d2c4cff3f053dc24c";

    private const string PinnedFourthFormCaseHash = "e2893aa30a7c57c2acdcad9cae6712416df0f424bd63d8dd3823b5a5799ed90b";

    // The page's third and fourth forms, step by step, with a canonical writer of this test's own: each array member of
    // the body (in the fourth form, each that is not empty; an empty one stays []) is replaced by
    // ["hex(SHA-256(d1 ‖ d2 ‖ …))"], di = SHA-256(JCS(element i)), and the result hashed in canonical form.
    private static string DigestedCaseHash(string document, byte[]? key, int form)
    {
        using var parsed = System.Text.Json.JsonDocument.Parse(document);
        var body = parsed.RootElement.GetProperty("case");
        var text = new StringBuilder("{");
        var first = true;
        foreach (var member in body.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            text.Append(first ? string.Empty : ",");
            first = false;
            Jcs(member.Name, text);
            text.Append(':');
            if (member.Value.ValueKind == System.Text.Json.JsonValueKind.Array && !(form == 4 && member.Value.GetArrayLength() == 0))
            {
                text.Append("[\"").Append(ListDigest(member.Value)).Append("\"]");
            }
            else
            {
                Jcs(member.Value, text);
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text.Append('}').ToString());
        return Convert.ToHexStringLower(key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key, bytes));
    }

    private static string ListDigest(System.Text.Json.JsonElement array)
    {
        var digests = new List<byte>();
        foreach (var element in array.EnumerateArray())
        {
            var canonical = new StringBuilder();
            Jcs(element, canonical);
            digests.AddRange(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        }

        return Convert.ToHexStringLower(SHA256.HashData([.. digests]));
    }

    // RFC 8785 for what a case body holds (objects, arrays, strings, integers, booleans, null).
    private static void Jcs(System.Text.Json.JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var member in value.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    text.Append(first ? string.Empty : ",");
                    first = false;
                    Jcs(member.Name, text);
                    text.Append(':');
                    Jcs(member.Value, text);
                }

                text.Append('}');
                break;
            case System.Text.Json.JsonValueKind.Array:
                text.Append('[').AppendJoin(',', value.EnumerateArray().Select(e =>
                {
                    var item = new StringBuilder();
                    Jcs(e, item);
                    return item.ToString();
                })).Append(']');
                break;
            case System.Text.Json.JsonValueKind.String:
                Jcs(value.GetString()!, text);
                break;
            case System.Text.Json.JsonValueKind.Number:
                text.Append(value.GetInt64().ToString(CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value.GetRawText());
                break;
        }
    }

    private static void Jcs(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\f' => "\\f",
                '\r' => "\\r",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        text.Append('"');
    }
}
