using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sip.Workflow.Storage;

/// <summary>
/// A deadline in a stored case document (an element of <see cref="SipCase.OpenDeadlines"/>): its rule's stable code and
/// its due time, <c>{"requirement":"…","dueAt":"…"}</c>, not the rule written whole as <see cref="SipRequirement"/> is
/// elsewhere (texts and citations on every case, every version, would add kilobytes to what each command writes).
/// </summary>
/// <remarks>
/// The documents' own converter, for the type (so the case body, which writes and digests each list element by its type,
/// writes it as the document does). A code this release does not know (a newer release's rule, in a document it wrote
/// during a rolling upgrade), or a member it does not know, is read as <see langword="null"/>, which leaves the case's open
/// deadlines unknown rather than the case unreadable: due work then works them out from the whole case. Anything else that
/// is not this form (a null, a number, a missing code or time) is refused.
/// </remarks>
internal sealed class SipStoredDeadlineJsonConverter : JsonConverter<SipDeadline>
{
    // Exactly the codes this release writes, by ordinal equality.
    private static readonly Dictionary<string, SipRequirement> Deadlines =
        SipRequirements.All.Where(r => r.Kind == RequirementKind.Deadline).ToDictionary(r => r.Code, StringComparer.Ordinal);

    private static ReadOnlySpan<byte> RequirementName => "requirement"u8;

    private static ReadOnlySpan<byte> DueAtName => "dueAt"u8;

    // A null element is refused too, not read as unknown: this release never writes one.
    public override bool HandleNull => true;

    public override SipDeadline? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject);
        string? code = null;
        DateTimeOffset? dueAt = null;
        var unknownMember = false;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            Expect(reader.TokenType == JsonTokenType.PropertyName);
            var isCode = reader.ValueTextEquals(RequirementName);
            var isDueAt = !isCode && reader.ValueTextEquals(DueAtName);
            if (!isCode && !isDueAt)
            {
                // A member a later release added: this release cannot know what it changes, so the deadline is unknown.
                Expect(reader.Read() && reader.TrySkip());
                unknownMember = true;
                continue;
            }

            Expect(Next(ref reader) == JsonTokenType.String);
            if (isCode)
            {
                Expect(code is null);
                code = reader.GetString();
            }
            else
            {
                Expect(dueAt is null && reader.TryGetDateTimeOffset(out _));
                dueAt = reader.GetDateTimeOffset();
            }
        }

        Expect(code is not null && dueAt is not null);
        return !unknownMember && Deadlines.TryGetValue(code!, out var requirement) ? new SipDeadline(requirement, dueAt!.Value) : null;
    }

    public override void Write(Utf8JsonWriter writer, SipDeadline value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(RequirementName, value.Requirement.Code);
        writer.WriteString(DueAtName, value.DueAt);
        writer.WriteEndObject();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        Expect(reader.Read());
        return reader.TokenType;
    }

    // The message names the member, never the stored text: a document is read on the trusted path, but what it holds is
    // still the individual's case.
    private static void Expect(bool condition)
    {
        if (!condition)
        {
            throw new JsonException("A deadline of the case's open deadlines is not {\"requirement\": code, \"dueAt\": time}.");
        }
    }
}
