using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

/// <summary>
/// The JSON documents stores keep cases and events in (System.Text.Json, source-generated). A case document carries
/// its own document version, so a store can refuse a document written by a newer library instead of misreading it.
/// </summary>
/// <remarks>
/// <para>Enums are written by their pinned wire names and ids as plain Guid strings, so documents stay readable and stable.</para>
/// <para>Reading is the trusted path: a stored document is read as it was written, without today's host-input rules
/// (lengths, characters, ranges), so a case stored under a looser rule stays readable. Use it for what a store wrote,
/// never for input from outside: values read here have not been checked as host input.</para>
/// </remarks>
public static class SipJson
{
    /// <summary>The case document version this library writes and the newest it reads.</summary>
    /// <remarks>
    /// Version 2 added what a consent covers and how it was withdrawn (parties, withdrawals, a party taken out of the SIP),
    /// the kin finding, the school's principal, the birth year-month and "no intervention at present": a library that reads
    /// only version 1 would drop them silently (and share with a party the individual excepted), so it must refuse them.
    /// A version 1 document reads as it was: every party covered, nothing withdrawn in part.
    /// </remarks>
    public static int CaseDocumentVersion { get; } = 2;

    // Documents are written with non-ASCII text as it is (å, ä, ö, Arabic, Persian …), not as \uXXXX escapes that make a
    // Swedish text up to six times longer on disk; they are stored, never embedded in HTML, so the web encoder's escaping
    // of HTML-sensitive characters buys nothing here. Quotes, backslashes and control characters are still escaped.
    private static readonly SipJsonContext Writing = new(new JsonSerializerOptions(SipJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The options documents are written with; the case body's contracts (<see cref="SipCaseBody"/>) derive from them.</summary>
    internal static JsonSerializerOptions WritingOptions => Writing.Options;

    /// <summary>Writes a case as a versioned JSON document: <c>{"documentVersion":2,"historyHead":…,"case":{…}}</c>.</summary>
    /// <param name="sipCase">The case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public static string SerializeCase(SipCase sipCase) => Encoding.UTF8.GetString(SerializeCaseToUtf8Bytes(sipCase));

    /// <summary>
    /// Writes a case as the versioned JSON document <see cref="SerializeCase"/> writes, as UTF-8: for a store that binds
    /// the bytes as they are, without a text of twice their size in between.
    /// </summary>
    /// <param name="sipCase">The case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public static byte[] SerializeCaseToUtf8Bytes(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        return SipCaseBody.Document(sipCase, CaseDocumentVersion);
    }

    /// <summary>
    /// The size in UTF-8 bytes of the document <see cref="SerializeCase"/> writes for a case whose body is
    /// <paramref name="bodyBytes"/> long and whose history head is <paramref name="historyHead"/>.
    /// </summary>
    internal static long CaseDocumentByteCount(long bodyBytes, string? historyHead)
        => bodyBytes + (historyHead?.Length ?? 4) + DocumentFrameBytes;

    // {"documentVersion":N,"historyHead":"…","case":…} around the body: a few dozen bytes, counted generously.
    private const int DocumentFrameBytes = 64;

    /// <summary>The case's own JSON, without the history head (which is derived from a hash of this very text).</summary>
    internal static string CaseBody(SipCase sipCase) => SipCaseBody.Json(sipCase);

    // The document a case was read from, for as long as that case instance lives: the audit trail hashes a stored case
    // by the text that was stored (canonicalised), never by how this version would write it again.
    private static readonly ConditionalWeakTable<SipCase, string> StoredDocuments = [];

    /// <summary>
    /// The case hash of <paramref name="form"/> (docs/audit-trail.md) over the case body the audit trail hashes: the stored
    /// document's <c>case</c> member when <paramref name="sipCase"/> was read by <see cref="DeserializeCase"/>, else the
    /// body this version writes for it. Forms 1 and 2 hash the canonical body whole; forms 3 and 4 hash it with each list
    /// (form 4: each list that is not empty) replaced by a digest of its elements' digests, which for a case this version
    /// built is computed from memoised parts (<see cref="SipCaseBody"/>) without writing the body.
    /// </summary>
    internal static byte[] CaseBodyHash(SipCase sipCase, int form, ReadOnlySpan<byte> key = default)
    {
        if (StoredDocuments.TryGetValue(sipCase, out var stored))
        {
            using var document = JsonDocument.Parse(stored);
            var body = document.RootElement.GetProperty("case");
            return form >= 3 ? SipCanonicalJson.HashWithListDigests(body, key, keepEmptyArrays: form >= 4) : SipCanonicalJson.Hash(body, key);
        }

        return form >= 3 ? SipCaseBody.Digest(sipCase, key, form).Hash : SipCanonicalJson.Hash(CaseBody(sipCase), key);
    }

    /// <summary>Whether <paramref name="sipCase"/> was read from a stored document (not built by the engine and kept by a store).</summary>
    internal static bool WasReadFromDocument(SipCase sipCase) => StoredDocuments.TryGetValue(sipCase, out _);

    /// <summary>Reads a case document.</summary>
    /// <param name="json">The document.</param>
    /// <exception cref="SipStorageException">The document is not a case document, or was written by a newer library.</exception>
    public static SipCase DeserializeCase(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CaseDocument? document;
        try
        {
            // The trusted read path: a stored case is read as it was written, whatever today's input rules say.
            using var trusted = Check.TrustedRead();
            document = JsonSerializer.Deserialize(json, SipJsonContext.Default.CaseDocument);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new SipStorageException("A stored SIP case document could not be read: " + e.Message, e);
        }

        var read = CaseOf(document);
        StoredDocuments.AddOrUpdate(read, json);
        return read;
    }

    /// <summary>
    /// Reads a case's head document (<see cref="SipCaseItems.DeserializeHead"/>) straight from its UTF-8 bytes. Unlike
    /// <see cref="DeserializeCase"/>, the text is not remembered as the case's stored document: a head is not the case,
    /// and is never hashed.
    /// </summary>
    internal static SipCase DeserializeHeadDocument(ReadOnlySpan<byte> utf8)
    {
        CaseDocument? document;
        try
        {
            using var trusted = Check.TrustedRead();
            document = JsonSerializer.Deserialize(utf8, SipJsonContext.Default.CaseDocument);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new SipStorageException("A stored SIP case document could not be read: " + e.Message, e);
        }

        return CaseOf(document);
    }

    private static SipCase CaseOf(CaseDocument? document)
    {
        if (document?.Case is null)
        {
            throw new SipStorageException("A stored SIP case document is empty.");
        }

        if (document.DocumentVersion > CaseDocumentVersion)
        {
            throw new SipStorageException(
                $"A stored SIP case document has version {document.DocumentVersion}, but this library reads up to version {CaseDocumentVersion}. " +
                "It was written by a newer Sip.Workflow; upgrade the library to read it.");
        }

        return document.Case with { HistoryHead = document.HistoryHead };
    }

    /// <summary>Writes an event as JSON.</summary>
    /// <param name="sipEvent">The event.</param>
    public static string SerializeEvent(SipEvent sipEvent)
    {
        ArgumentNullException.ThrowIfNull(sipEvent);
        return JsonSerializer.Serialize(sipEvent, Writing.SipEvent);
    }

    /// <summary>Reads an event.</summary>
    /// <param name="json">The document.</param>
    /// <exception cref="SipStorageException">The document is not an event.</exception>
    public static SipEvent DeserializeEvent(string json) => Read(json, SipJsonContext.Default.SipEvent, "event");

    /// <summary>Writes a tombstone as JSON (what a store keeps of a purged case).</summary>
    /// <param name="tombstone">The tombstone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tombstone"/> is <see langword="null"/>.</exception>
    public static string SerializeTombstone(SipTombstone tombstone) => Write(tombstone, Writing.SipTombstone, nameof(tombstone));

    /// <summary>Reads a tombstone.</summary>
    /// <param name="json">The document.</param>
    /// <exception cref="SipStorageException">The document is not a tombstone.</exception>
    public static SipTombstone DeserializeTombstone(string json) => Read(json, SipJsonContext.Default.SipTombstone, "tombstone");

    /// <summary>Writes a case checkpoint as JSON, for the host to keep outside the database.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <exception cref="ArgumentNullException"><paramref name="checkpoint"/> is <see langword="null"/>.</exception>
    public static string SerializeCheckpoint(SipCaseCheckpoint checkpoint) => Write(checkpoint, Writing.SipCaseCheckpoint, nameof(checkpoint));

    /// <summary>Reads a case checkpoint; its seal is checked when it is used.</summary>
    /// <param name="json">The document.</param>
    /// <exception cref="SipStorageException">The document is not a case checkpoint.</exception>
    public static SipCaseCheckpoint DeserializeCheckpoint(string json) => Read(json, SipJsonContext.Default.SipCaseCheckpoint, "checkpoint");

    /// <summary>Writes a store checkpoint as JSON, for the host to keep outside the database.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <exception cref="ArgumentNullException"><paramref name="checkpoint"/> is <see langword="null"/>.</exception>
    public static string SerializeStoreCheckpoint(SipStoreCheckpoint checkpoint) => Write(checkpoint, Writing.SipStoreCheckpoint, nameof(checkpoint));

    /// <summary>Reads a store checkpoint; its head and seal are checked when it is used.</summary>
    /// <param name="json">The document.</param>
    /// <exception cref="SipStorageException">The document is not a store checkpoint.</exception>
    public static SipStoreCheckpoint DeserializeStoreCheckpoint(string json) => Read(json, SipJsonContext.Default.SipStoreCheckpoint, "store checkpoint");

    /// <summary>Writes an access record as JSON (what a store keeps of a read); its sequence is the store's to give.</summary>
    /// <param name="record">The record.</param>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    public static string SerializeAccessRecord(SipAccessRecord record) => Write(record, Writing.SipAccessRecord, nameof(record));

    /// <summary>Reads an access record, with the sequence its store gave it.</summary>
    /// <param name="json">The document.</param>
    /// <param name="sequence">The record's sequence in the store.</param>
    /// <exception cref="SipStorageException">The document is not an access record.</exception>
    public static SipAccessRecord DeserializeAccessRecord(string json, long sequence)
        => Read(json, SipJsonContext.Default.SipAccessRecord, "access record") with { Sequence = sequence };

    private static string Write<T>(T value, JsonTypeInfo<T> type, string paramName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        return JsonSerializer.Serialize(value, type);
    }

    private static T Read<T>(string json, JsonTypeInfo<T> type, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var trusted = Check.TrustedRead();
            return JsonSerializer.Deserialize(json, type) ?? throw new SipStorageException($"A stored SIP {what} document is empty.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new SipStorageException($"A SIP {what} document could not be read: " + e.Message, e);
        }
    }

    internal sealed record CaseDocument(int DocumentVersion, string? HistoryHead, SipCase Case);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(SipStoredDeadlineJsonConverter)])]
[JsonSerializable(typeof(SipJson.CaseDocument))]
[JsonSerializable(typeof(SipCase))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(SipEvent))]
[JsonSerializable(typeof(SipTombstone))]
[JsonSerializable(typeof(SipCaseCheckpoint))]
[JsonSerializable(typeof(SipStoreCheckpoint))]
[JsonSerializable(typeof(SipAccessRecord))]
internal sealed partial class SipJsonContext : JsonSerializerContext;
