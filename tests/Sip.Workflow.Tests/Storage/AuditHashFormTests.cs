using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sip.Workflow.Internal;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

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
    private static string FieldsOfTheSecondForm(SipEvent e)
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
        return F("sip-event/2") + first[..prefixEnd] + F(e.CommandFingerprint) + F(e.AuditKeyId)
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

    [Fact]
    public async Task The_case_hash_is_sha256_over_the_canonical_form_of_the_stored_case_body()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var history = await s.Store.GetHistoryAsync(c.Id, Ct);
        var document = SipJson.SerializeCase(c);
        var body = System.Text.Json.JsonDocument.Parse(document).RootElement.GetProperty("case").GetRawText();

        var expected = Convert.ToHexStringLower(SHA256.HashData(SipCanonicalJson.Canonicalize(body)));

        history[^1].CaseHash.Should().Be(expected);
        SipAuditChain.ComputeCaseHash(SipJson.DeserializeCase(document)).Should().Be(expected);
        body.Should().NotContain("historyHead", "the head is derived from the event hash and cannot be inside what it hashes");
    }
}
