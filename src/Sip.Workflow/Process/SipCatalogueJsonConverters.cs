using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>
/// A requirement in JSON: written whole (code, kind, source, references, both texts) for the reader to show, read back by
/// its stable <see cref="SipRequirement.Code"/> as the catalogue's own instance. The catalogue is closed, so a requirement
/// read back is the very one written, and a text or citation changed on the way cannot pass for the law.
/// </summary>
internal sealed class SipRequirementJsonConverter : JsonConverter<SipRequirement>
{
    public override SipRequirement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var member = SipCatalogueJson.ReadMember(ref reader, nameof(SipRequirement.Code), "requirement");
        var code = member.ValueKind == JsonValueKind.String ? member.GetString() : member.GetRawText();
        return (member.ValueKind == JsonValueKind.String ? SipRequirements.Find(code!) : null)
            ?? throw new JsonException($"'{code}' is not the code of a SIP requirement; see SipRequirements.All for the codes.");
    }

    public override void Write(Utf8JsonWriter writer, SipRequirement value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(SipCatalogueJson.Name(nameof(SipRequirement.Code), options), value.Code);
        SipCatalogueJson.Write(writer, nameof(SipRequirement.Kind), value.Kind, options);
        SipCatalogueJson.Write(writer, nameof(SipRequirement.Source), value.Source, options);
        SipCatalogueJson.Write(writer, nameof(SipRequirement.References), value.References, options);
        writer.WriteString(SipCatalogueJson.Name(nameof(SipRequirement.SwedishText), options), value.SwedishText);
        writer.WriteString(SipCatalogueJson.Name(nameof(SipRequirement.EnglishText), options), value.EnglishText);
        writer.WriteEndObject();
    }
}

/// <summary>
/// A retention rule in JSON: written whole, read back from its kind of record and years as the law's preset (or the preset
/// kept longer, <see cref="SipRetentionRule.KeptFor"/>), so whether culling is a duty and the provision come from the law,
/// never from the text read.
/// </summary>
internal sealed class SipRetentionRuleJsonConverter : JsonConverter<SipRetentionRule>
{
    public override SipRetentionRule Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var kind = SipCatalogueJson.Member(document.RootElement, nameof(SipRetentionRule.RecordKind), "retention rule").Deserialize<SipRecordKind>(options);
        if (!SipCatalogueJson.Member(document.RootElement, nameof(SipRetentionRule.Years), "retention rule").TryGetInt32(out var years))
        {
            throw new JsonException("A SIP retention rule's 'years' is a whole number.");
        }

        try
        {
            var preset = SipRetentionRule.For(kind);
            return years == preset.Years ? preset : preset.KeptFor(years);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new JsonException("The retention rule cannot be read: " + e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, SipRetentionRule value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        SipCatalogueJson.Write(writer, nameof(SipRetentionRule.RecordKind), value.RecordKind, options);
        writer.WriteNumber(SipCatalogueJson.Name(nameof(SipRetentionRule.Years), options), value.Years);
        writer.WriteBoolean(SipCatalogueJson.Name(nameof(SipRetentionRule.CullingIsDuty), options), value.CullingIsDuty);
        SipCatalogueJson.Write(writer, nameof(SipRetentionRule.LegalBasis), value.LegalBasis, options);
        writer.WriteEndObject();
    }
}

/// <summary>What the catalogue converters share: member names under the caller's naming policy, and finding a member.</summary>
internal static class SipCatalogueJson
{
    public static string Name(string member, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(member) ?? member;

    public static void Write<T>(Utf8JsonWriter writer, string member, T value, JsonSerializerOptions options)
    {
        writer.WritePropertyName(Name(member, options));
        JsonSerializer.Serialize(writer, value, options);
    }

    public static JsonElement ReadMember(ref Utf8JsonReader reader, string member, string what)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return Member(document.RootElement, member, what).Clone();
    }

    /// <summary>The member named <paramref name="member"/> in any casing, so that a reader under any naming policy finds it.</summary>
    public static JsonElement Member(JsonElement value, string member, string what)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (string.Equals(property.Name, member, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value;
                }
            }
        }

        throw new JsonException($"A SIP {what} is an object with a '{Name(member, JsonSerializerOptions.Web)}' member.");
    }
}
