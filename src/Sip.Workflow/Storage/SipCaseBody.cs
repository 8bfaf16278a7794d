using System.Buffers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

/// <summary>
/// The case body (the <c>case</c> member of a stored document) built from parts: each element of the case's lists (plan
/// revisions, meetings, follow-ups, …) is written to JSON and digested once per element instance, and reused by every
/// later version of the case that still holds that instance. A command then costs the case's own scalar members plus
/// one digest per element, however many revisions the case has: nothing unchanged is written or hashed again.
/// </summary>
/// <remarks>
/// Elements are immutable records: a changed element is a new instance, with parts of its own. The parts live exactly as
/// long as their element (a <see cref="ConditionalWeakTable{TKey, TValue}"/>), so what they cost in memory is about the
/// element's JSON beside the element for as long as a case holding it is kept.
/// </remarks>
internal static class SipCaseBody
{
    // A list's digest form is ["…64 hex digits…"]: 68 bytes in place of the list's JSON.
    private const int ListDigestTextBytes = 68;

    private static readonly ConditionalWeakTable<object, Part> Parts = [];

    // Per list instance: a case's unchanged lists are the same instances in its next version (a record's `with` copies
    // the reference), so a command digests only the lists it changed, and those from their elements' memoised digests.
    private static readonly ConditionalWeakTable<object, ListPart> Lists = [];

    // The body written once per case instance: the engine may count it and the store writes it, and they are the same bytes.
    private static readonly ConditionalWeakTable<SipCase, string> Bodies = [];

    // What the digest form of a body leaves out of the full body's size, summed while the digest form is written. The
    // converter runs on the calling thread inside Digest, so a per-thread sum needs no list walked a second time.
    [ThreadStatic]
    private static long t_elementBytes;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_digestBuffer;

    /// <summary>The full body, each list element written as its memoised JSON.</summary>
    private static readonly JsonTypeInfo<SipCase> BodyContract = Contract(digests: false);

    /// <summary>The digest form of the body: each list element written as its digest (docs/audit-trail.md, form 3).</summary>
    private static readonly JsonTypeInfo<SipCase> DigestContract = Contract(digests: true);

    /// <summary>The case's own JSON, without the history head (which is derived from a hash of this very text).</summary>
    public static string Json(SipCase sipCase)
        => Bodies.GetValue(sipCase, static c => JsonSerializer.Serialize(c, BodyContract));

    /// <summary>Lets <paramref name="target"/> reuse <paramref name="source"/>'s body: they differ only in what the body leaves out.</summary>
    public static void Share(SipCase source, SipCase target)
    {
        if (Bodies.TryGetValue(source, out var body))
        {
            Bodies.AddOrUpdate(target, body);
        }
    }

    /// <summary>
    /// The stored document, <c>{"documentVersion":N,"historyHead":…,"case":{…}}</c>, as UTF-8: the body written from its
    /// parts straight into a reused buffer, so the one allocation is the result.
    /// </summary>
    public static byte[] Document(SipCase sipCase, int documentVersion)
    {
        var buffer = t_documentBuffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = BodyContract.Options.Encoder, SkipValidation = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("documentVersion"u8, documentVersion);
                if (sipCase.HistoryHead is { } head)
                {
                    writer.WriteString("historyHead"u8, head);
                }
                else
                {
                    writer.WriteNull("historyHead"u8);
                }

                writer.WritePropertyName("case"u8);
                JsonSerializer.Serialize(writer, sipCase, BodyContract);
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > 1024 * 1024)
            {
                t_documentBuffer = null;
            }
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_documentBuffer;

    /// <summary>
    /// The third form's case hash of <paramref name="sipCase"/> as this version writes it, and the size in UTF-8 bytes of
    /// the body <see cref="Json"/> writes for it, without writing that body: only the case's scalar members and the
    /// digests of its list elements are written and canonicalised.
    /// </summary>
    public static (byte[] Hash, long BodyBytes) Digest(SipCase sipCase, ReadOnlySpan<byte> key)
    {
        var buffer = t_digestBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        t_elementBytes = 0;
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = BodyContract.Options.Encoder, SkipValidation = true }))
            {
                JsonSerializer.Serialize(writer, sipCase, DigestContract);
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            var hash = SipCanonicalJson.Hash(document.RootElement, key);
            return (hash, buffer.WrittenCount + t_elementBytes);
        }
        finally
        {
            // A rare huge case must not pin a huge buffer to the thread for good.
            if (buffer.Capacity > 1024 * 1024)
            {
                t_digestBuffer = null;
            }
        }
    }

    // The same contract as the stored body (the history head removed, as SipJson writes it), with every list of the case
    // written by Elements<T>; the elements' own contracts are the ordinary ones, so an element's part is exactly the JSON
    // it has inside a body written the ordinary way.
    private static JsonTypeInfo<SipCase> Contract(bool digests)
    {
        var writing = SipJson.WritingOptions;
        return (JsonTypeInfo<SipCase>)new JsonSerializerOptions(writing)
        {
            TypeInfoResolver = SipJsonContext.Default.WithAddedModifier(contract =>
            {
                if (contract.Type != typeof(SipCase))
                {
                    return;
                }

                var head = contract.Properties.Single(p => p.AttributeProvider is PropertyInfo { Name: nameof(SipCase.HistoryHead) });
                contract.Properties.Remove(head);
                foreach (var property in contract.Properties)
                {
                    if (writing.GetTypeInfo(property.PropertyType).Kind != JsonTypeInfoKind.Enumerable)
                    {
                        continue;
                    }

                    // Every list of a case is an IReadOnlyList (SipList, or a derived list such as ClosingOwedBy); a list of
                    // another shape would need a converter of its own, and must never be hashed as a scalar by accident.
                    var type = property.PropertyType;
                    if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IReadOnlyList<>))
                    {
                        throw new InvalidOperationException($"SipCase.{property.Name} is a {type.Name}; the case body writes only IReadOnlyList<T> lists from parts.");
                    }

                    var element = type.GetGenericArguments()[0];
                    property.CustomConverter = (JsonConverter)Activator.CreateInstance(
                        typeof(Elements<>).MakeGenericType(element), writing.GetTypeInfo(element), digests)!;
                }
            }),
        }.GetTypeInfo(typeof(SipCase));
    }

    private static Part PartOf<T>(T element, JsonTypeInfo<T> type)
    {
        // A value (a principal in a derived list) has no identity to remember it by; such lists are a few enum values.
        if (typeof(T).IsValueType)
        {
            return new Part(JsonSerializer.SerializeToUtf8Bytes(element, type));
        }

        if (!Parts.TryGetValue(element!, out var part))
        {
            part = new Part(JsonSerializer.SerializeToUtf8Bytes(element, type));
            Parts.AddOrUpdate(element!, part);
        }

        return part;
    }

    /// <summary>One list element's JSON as the body holds it, and its digest (raw SHA-256), made when first asked for.</summary>
    private sealed class Part(byte[] json)
    {
        public byte[] Json { get; } = json;

        public byte[] Digest => field ??= SipCanonicalJson.ElementDigest(Json);
    }

    /// <summary>A list's digest as the third form writes it (lowercase hex), and the size of the list's JSON in the body.</summary>
    private sealed record ListPart(string Digest, long JsonBytes);

    private static ListPart ListPartOf<T>(IReadOnlyList<T> list, JsonTypeInfo<T> type)
    {
        if (Lists.TryGetValue(list, out var known))
        {
            return known;
        }

        // "[" e1 "," e2 … "]" in the body; the digest is over the elements' digests, 32 bytes each, in order.
        var bytes = 2L + Math.Max(list.Count - 1, 0);
        var digests = ArrayPool<byte>.Shared.Rent(Math.Max(list.Count, 1) * SHA256.HashSizeInBytes);
        try
        {
            for (var i = 0; i < list.Count; i++)
            {
                var item = list[i];
                var part = item is null ? NullPart : PartOf(item, type);
                part.Digest.CopyTo(digests, i * SHA256.HashSizeInBytes);
                bytes += part.Json.Length;
            }

            var digest = new ListPart(Convert.ToHexStringLower(SHA256.HashData(digests.AsSpan(0, list.Count * SHA256.HashSizeInBytes))), bytes);
            Lists.AddOrUpdate(list, digest);
            return digest;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(digests);
        }
    }

    private static readonly Part NullPart = new("null"u8.ToArray());

    // Writes one list of the case from its elements' parts: their JSON (the body) or the list's digest (the digest form).
    private sealed class Elements<T>(JsonTypeInfo element, bool digests) : JsonConverter<IReadOnlyList<T>>
    {
        private readonly JsonTypeInfo<T> _element = (JsonTypeInfo<T>)element;

        public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => throw new NotSupportedException("The case body's parts are only written; a case is read with SipJson.DeserializeCase.");

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            if (digests)
            {
                var list = ListPartOf(value, _element);
                writer.WriteStringValue(list.Digest);
                t_elementBytes += list.JsonBytes - ListDigestTextBytes;
            }
            else
            {
                for (var i = 0; i < value.Count; i++)
                {
                    var item = value[i];
                    writer.WriteRawValue(item is null ? NullPart.Json : PartOf(item, _element).Json, skipInputValidation: true);
                }
            }

            writer.WriteEndArray();
        }
    }
}
