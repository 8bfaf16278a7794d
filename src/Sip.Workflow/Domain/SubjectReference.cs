using System.Text.Json;
using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The host system's opaque reference to the individual (<i>den enskilde</i>): a patient key, a record number,
/// a pseudonym. The library never stores a personal identity number (<i>personnummer</i>), name or address;
/// the host resolves the reference against its own register.
/// </summary>
/// <remarks>
/// <para>
/// A value containing a Swedish personal identity or coordination number (with a valid check digit) is refused,
/// so that a mistaken mapping in the host cannot leak one into the SIP store, its logs or its exports.
/// </para>
/// <para><see cref="ToString"/> never shows the value; read <see cref="Value"/> where the reference is really needed.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
[JsonConverter(typeof(SubjectReferenceJsonConverter))]
public sealed record SubjectReference
{
    /// <summary>Creates a reference after checking it.</summary>
    /// <param name="reference">
    /// 1 to <see cref="SipLimits.SubjectReferenceMaxLength"/> characters, no control characters, not a personal
    /// identity number.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The reference is empty, too long, has control characters or is a personal identity number
    /// (<see cref="ArgumentException.ParamName"/> is <c>reference</c>).
    /// </exception>
    public SubjectReference(string reference)
    {
        Value = reference;
    }

    /// <summary>The reference as the host gave it.</summary>
    public string Value
    {
        get;

        // Named after the constructor's parameter, so a refusal names what the caller passed; JSON comes in through the
        // constructor too (SubjectReferenceJsonConverter), so a reference read from a document is checked the same way.
        private init => field = Check.Text(value, "reference", SipLimits.SubjectReferenceMaxLength);
    }

    /// <summary>Returns a redacted text so that the reference never reaches a log through string formatting.</summary>
    public override string ToString() => "SubjectReference(***)";
}

/// <summary>
/// A subject reference in JSON: <c>{"value": "…"}</c> (the member named under the caller's naming policy), read through the
/// public constructor so that a reference in a document is checked exactly as one a host passes in.
/// </summary>
internal sealed class SubjectReferenceJsonConverter : JsonConverter<SubjectReference>
{
    public override SubjectReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var member = SipCatalogueJson.ReadMember(ref reader, nameof(SubjectReference.Value), "subject reference");
        if (member.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("A SIP subject reference's 'value' is a string.");
        }

        try
        {
            return new SubjectReference(member.GetString()!);
        }
        catch (ArgumentException e)
        {
            // The refusal's text never holds the value; the JSON path the serializer adds says where it was.
            throw new JsonException(SipRefusalText.Of(e), e);
        }
    }

    public override void Write(Utf8JsonWriter writer, SubjectReference value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(SipCatalogueJson.Name(nameof(SubjectReference.Value), options), value.Value);
        writer.WriteEndObject();
    }
}
