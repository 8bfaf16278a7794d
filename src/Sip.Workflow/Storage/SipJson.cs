using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>
/// The JSON documents stores keep cases and events in (System.Text.Json, source-generated). A case document carries
/// its own document version, so a store can refuse a document written by a newer library instead of misreading it.
/// </summary>
/// <remarks>Enums are written by name and ids as plain Guid strings, so documents stay readable and stable.</remarks>
public static class SipJson
{
    /// <summary>The case document version this library writes and the newest it reads.</summary>
    public const int CaseDocumentVersion = 1;

    /// <summary>Writes a case as a versioned JSON document.</summary>
    /// <param name="sipCase">The case.</param>
    public static string SerializeCase(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        return JsonSerializer.Serialize(new CaseDocument(CaseDocumentVersion, sipCase), SipJsonContext.Default.CaseDocument);
    }

    /// <summary>Reads a case document.</summary>
    /// <param name="json">The document.</param>
    /// <exception cref="SipStorageException">The document is not a case document, or was written by a newer library.</exception>
    public static SipCase DeserializeCase(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CaseDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, SipJsonContext.Default.CaseDocument);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new SipStorageException("A stored SIP case document could not be read: " + e.Message, e);
        }

        if (document is null || document.Case is null)
        {
            throw new SipStorageException("A stored SIP case document is empty.");
        }

        if (document.DocumentVersion > CaseDocumentVersion)
        {
            throw new SipStorageException(
                $"A stored SIP case document has version {document.DocumentVersion}, but this library reads up to version {CaseDocumentVersion}. " +
                "It was written by a newer Sip.Workflow; upgrade the library to read it.");
        }

        return document.Case;
    }

    /// <summary>Writes an event as JSON.</summary>
    /// <param name="sipEvent">The event.</param>
    public static string SerializeEvent(SipEvent sipEvent)
    {
        ArgumentNullException.ThrowIfNull(sipEvent);
        return JsonSerializer.Serialize(sipEvent, SipJsonContext.Default.SipEvent);
    }

    /// <summary>Reads an event.</summary>
    /// <param name="json">The document.</param>
    /// <exception cref="SipStorageException">The document is not an event.</exception>
    public static SipEvent DeserializeEvent(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, SipJsonContext.Default.SipEvent)
                ?? throw new SipStorageException("A stored SIP event document is empty.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new SipStorageException("A stored SIP event document could not be read: " + e.Message, e);
        }
    }

    internal sealed record CaseDocument(int DocumentVersion, SipCase Case);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SipJson.CaseDocument))]
[JsonSerializable(typeof(SipEvent))]
internal sealed partial class SipJsonContext : JsonSerializerContext;
