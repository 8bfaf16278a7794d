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
/// revisions, meetings, follow-ups, …) is written to JSON and digested once per element instance; the digest of each list
/// and the canonical form of each other member's value (the individual, the origin, a date) are remembered for the value
/// a member had last in the case's lineage, so later versions of the case that still hold it reuse the part (form 4 never
/// digests an empty list at all). A command then costs the
/// members and the list it changed plus a look-up per member, however many revisions the case has: nothing unchanged is
/// written or hashed again.
/// </summary>
/// <remarks>
/// Elements and values are immutable: a changed one is a new instance, with parts of its own. An element's part lives
/// exactly as long as the element (a <see cref="ConditionalWeakTable{TKey, TValue}"/>: a store hands in the JSON it holds
/// for it, <see cref="UseStoredJson"/>); a member's value and a list's digest are remembered in the case's
/// <see cref="SipCase.BodyMemo"/>, which every version made from the case shares, so a command adds no entry to a table
/// the garbage collector scans. What the parts cost in memory is about the case's JSON once more beside each case kept.
/// </remarks>
internal static class SipCaseBody
{
    private static readonly ConditionalWeakTable<object, Part> Parts = [];

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_digestBuffer;

    /// <summary>
    /// The options documents are written with, every object's members in canonical order (RFC 8785: by their names' UTF-16
    /// code units; the names are ASCII, so by their bytes): a member's value written with them is most often canonical as it
    /// stands. Without indentation, as documents are written, so that no whitespace stands between the tokens.
    /// </summary>
    private static readonly JsonSerializerOptions CanonicalOrder = SipJson.WritingOptions.WriteIndented
        ? throw new InvalidOperationException("Documents are written without indentation; the canonical-order writer assumes so.")
        : new JsonSerializerOptions(SipJson.WritingOptions)
        {
            TypeInfoResolver = SipJson.WritingOptions.TypeInfoResolver!.WithAddedModifier(static contract =>
            {
                if (contract.Kind != JsonTypeInfoKind.Object)
                {
                    return;
                }

                var ordered = contract.Properties.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    ordered[i].Order = i;
                }
            }),
        };

    /// <summary>The full body, each list element written as its memoised JSON.</summary>
    private static readonly JsonTypeInfo<SipCase> BodyContract = Contract(leaveOut: new HashSet<string>());

    /// <summary>The body without the lists a store may keep element by element (<see cref="SipCaseItems"/>): the head's body.</summary>
    private static readonly JsonTypeInfo<SipCase> HeadContract = Contract(leaveOut: SipCaseItems.ListSet);

    /// <summary>The body's members in canonical order (RFC 8785: by their names' UTF-16 code units), as the digest writes them.</summary>
    /// <remarks>The [JsonIgnore]d members (derived ones such as Plan) are in the contract without a getter, and are left out.</remarks>
    private static readonly Member[] Members = [.. BodyContract.Properties
        .Where(p => p.Get is not null)
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .Select((p, i) => new Member(p, i))];

    /// <summary>
    /// The case's own JSON, without the history head (which is derived from a hash of this very text): what the first and
    /// second hash forms hash whole for a case this version built.
    /// </summary>
    public static string Json(SipCase sipCase) => JsonSerializer.Serialize(sipCase, BodyContract);

    /// <summary>
    /// The stored document, <c>{"documentVersion":N,"historyHead":…,"case":{…}}</c>, as UTF-8: the body written from its
    /// parts straight into a reused buffer, so the one allocation is the result.
    /// </summary>
    public static byte[] Document(SipCase sipCase, int documentVersion, bool withoutItems = false)
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
                JsonSerializer.Serialize(writer, sipCase, withoutItems ? HeadContract : BodyContract);
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
    /// The case hash of <paramref name="sipCase"/> in the third or fourth <paramref name="form"/> as this version writes
    /// the case, and the size in UTF-8 bytes of the body <see cref="Json"/> writes for it, without writing that body: the
    /// digested body's canonical form is put together from the memoised canonical form of each member's value, and each
    /// list's memoised digest (form 4: each list that is not empty; an empty one is written as it is, <c>[]</c>).
    /// </summary>
    public static (byte[] Hash, long BodyBytes) Digest(SipCase sipCase, ReadOnlySpan<byte> key, int form = SipAuditChain.CurrentForm)
        => Digest(sipCase, key, form, sealing: false, 0, null, null);

    /// <summary>
    /// <see cref="Digest(SipCase, ReadOnlySpan{byte}, int)"/> of <paramref name="sipCase"/> in <paramref name="form"/> as it
    /// is sealed: at <paramref name="version"/> with <paramref name="nextDeadline"/> and <paramref name="openDeadlines"/>
    /// (the history head is not part of the body), so that the engine makes the sealed case in one copy rather than two.
    /// </summary>
    public static (byte[] Hash, long BodyBytes) Digest(
        SipCase sipCase, ReadOnlySpan<byte> key, int form, long version, DateTimeOffset? nextDeadline, IReadOnlyList<SipDeadline> openDeadlines)
        => Digest(sipCase, key, form, sealing: true, version, nextDeadline, openDeadlines);

    private static (byte[] Hash, long BodyBytes) Digest(
        SipCase sipCase, ReadOnlySpan<byte> key, int form, bool sealing, long version, DateTimeOffset? nextDeadline, IReadOnlyList<SipDeadline>? openDeadlines)
    {
        if (form is not (3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(form), form, "The case body is digested in form 3 or 4.");
        }

        var buffer = t_digestBuffer ??= new ArrayBufferWriter<byte>(4096);
        var memo = MemoOf(sipCase);
        buffer.ResetWrittenCount();
        try
        {
            // {"a":…,"b":…}: braces, and a comma between members, in the body and in its digested form alike.
            long bodyBytes = 1;
            Write(buffer, "{"u8);
            var written = 0;
            foreach (var member in Members)
            {
                // A value member is read through its typed getter and compared with what the memo holds without boxing; a
                // list by its instance. The serializer leaves null members out (WhenWritingNull), and so does the digest.
                ref var remembered = ref memo.Parts[member.Index];
                var part = (sealing, member.Sealed) switch
                {
                    (true, SealedMember.Version) => Access<long>.PartOf(version, ref remembered, member.Type),
                    (true, SealedMember.NextDeadline) => Access<DateTimeOffset?>.PartOf(nextDeadline, ref remembered, member.Type),
                    (true, SealedMember.OpenDeadlines) => ListPart.Of(member.Lists!, openDeadlines, form, ref remembered),
                    _ => member.Lists is { } lists
                        ? ListPart.Of(lists, member.Property.Get!(sipCase), form, ref remembered)
                        : member.Access.Part(sipCase, ref remembered, member.Type),
                };
                if (part is null)
                {
                    continue;
                }

                if (written++ > 0)
                {
                    Write(buffer, ","u8);
                    bodyBytes++;
                }

                Write(buffer, member.CanonicalName);
                Write(buffer, part.Canonical);
                bodyBytes += member.JsonNameBytes + part.JsonBytes;
            }

            Write(buffer, "}"u8);
            bodyBytes++;
            var hash = SipSha256.Hash(key, buffer.WrittenSpan);
            return (hash, bodyBytes);
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

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }

    // The same contract as the stored body (the history head removed, as SipJson writes it), with every list of the case
    // written by Elements<T>; the elements' own contracts are the ordinary ones, so an element's part is exactly the JSON
    // it has inside a body written the ordinary way.
    private static JsonTypeInfo<SipCase> Contract(IReadOnlySet<string> leaveOut)
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
                foreach (var left in contract.Properties.Where(p => leaveOut.Contains(p.Name)).ToList())
                {
                    contract.Properties.Remove(left);
                }
                foreach (var property in contract.Properties)
                {
                    // A converter on a member of its own would write it otherwise than its type does, which the digest,
                    // writing each value by its type, would not see.
                    if (property.CustomConverter is not null)
                    {
                        throw new InvalidOperationException($"SipCase.{property.Name} has a converter of its own; the case body writes each member by its type.");
                    }

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
                    property.CustomConverter = (JsonConverter)Activator.CreateInstance(typeof(Elements<>).MakeGenericType(element), writing.GetTypeInfo(element))!;
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

    /// <summary>
    /// Takes <paramref name="json"/>, an element's text as a store holds it, as the element's part: the case hash and any
    /// document written later take the element as stored, not as this version would write it again, so a row a command
    /// leaves unwritten still matches the hash it seals (a later release may write an element otherwise).
    /// </summary>
    public static void UseStoredJson(object element, byte[] json) => Parts.AddOrUpdate(element, new Part(json));

    /// <summary>One list element's JSON as the body holds it, and its digest (raw SHA-256), made when first asked for.</summary>
    private sealed class Part(byte[] json)
    {
        public byte[] Json { get; } = json;

        public byte[] Digest => field ??= SipCanonicalJson.ElementDigest(Json);
    }

    /// <summary>
    /// A list member as the digested body holds it: <c>["&lt;digest&gt;"]</c>, the list's digest (lowercase hex) as the third
    /// and fourth forms write it, with the size of the list's JSON in the body and the list instance it was made for.
    /// </summary>
    internal sealed class ListPart(object list, byte[] canonical, long jsonBytes) : ValuePart(canonical, jsonBytes)
    {
        public object List { get; } = list;

        // Form 4 keeps an empty list as it is: most of a case's lists are empty for most of its life, and each would otherwise
        // put a 68-byte digest of nothing, where "[]" is 2, into every command's hash.
        private static readonly ValuePart EmptyList = new("[]"u8.ToArray(), 2);

        /// <summary>
        /// The part of <paramref name="list"/>, or <see langword="null"/> when the member is null: the one the case's lineage
        /// made last when it is still the same instance (most commands leave most lists as they were), else a new one,
        /// remembered.
        /// </summary>
        public static ValuePart? Of(IListParts parts, object? list, int form, ref ValuePart? remembered)
        {
            if (list is null)
            {
                return null;
            }

            if (form >= 4 && parts.Count(list) == 0)
            {
                return EmptyList;
            }

            if (Volatile.Read(ref remembered) is ListPart known && ReferenceEquals(known.List, list))
            {
                return known;
            }

            var part = parts.Part(list);
            Volatile.Write(ref remembered, part);
            return part;
        }
    }

    private static ListPart ListPartOf<T>(IReadOnlyList<T> list, JsonTypeInfo<T> type)
    {
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

            var hex = Convert.ToHexStringLower(SipSha256.Hash(default, digests.AsSpan(0, list.Count * SHA256.HashSizeInBytes)));
            return new ListPart(list, System.Text.Encoding.ASCII.GetBytes($"[\"{hex}\"]"), bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(digests);
        }
    }

    private static readonly Part NullPart = new("null"u8.ToArray());

    /// <summary>A member's value as the digested body holds it (RFC 8785 canonical form), and the size of its JSON in the body.</summary>
    internal class ValuePart(byte[] canonical, long jsonBytes)
    {
        public byte[] Canonical { get; } = canonical;

        public long JsonBytes { get; } = jsonBytes;

        public static (byte[] Canonical, int JsonBytes) Text(object value, JsonTypeInfo type)
        {
            // A count or version needs no serializer: an integer's JSON is its canonical form, as far as a double holds it
            // exactly. Beyond 2^53 RFC 8785 writes the double the number reads as, as the canonical form of stored text does.
            if (value is long big && (big > 1L << 53 || big < -(1L << 53)))
            {
                var digits = big.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return (System.Text.Encoding.ASCII.GetBytes(SipCanonicalJson.Number(big)), digits.Length);
            }

            if (value is long number)
            {
                Span<byte> text = stackalloc byte[20];
                System.Buffers.Text.Utf8Formatter.TryFormat(number, text, out var length);
                return (text[..length].ToArray(), length);
            }

            // The case's id, by its converter a Guid string: written without the serializer (every case read afresh has one).
            if (type.Converter is SipIdJsonConverter<SipCaseId> && value is SipCaseId id)
            {
                var quoted = new byte[38];
                quoted[0] = quoted[37] = (byte)'"';
                id.Value.TryFormat(quoted.AsSpan(1, 36), out _, "D");
                return (quoted, quoted.Length);
            }

            // Written with every object's members in canonical order, most values (a string without escapes, an individual,
            // an origin) are canonical as written, which one read confirms, and as long as the body's text of them, which
            // only orders the same members otherwise; the rest are canonicalised.
            var json = JsonSerializer.SerializeToUtf8Bytes(value, type);
            return (SipCanonicalJson.IsCanonical(json) ? json : SipCanonicalJson.Canonicalize(json), json.Length);
        }
    }

    /// <summary>The part of one value of type <typeparamref name="T"/>, with the value it was made for.</summary>
    private sealed class ValuePart<T>(T value, byte[] canonical, long jsonBytes) : ValuePart(canonical, jsonBytes)
    {
        public T Value { get; } = value;
    }

    /// <summary>Reads one value member of the case through its typed getter.</summary>
    private abstract class Access
    {
        /// <summary>The member's part on <paramref name="sipCase"/>, or <see langword="null"/> when the member is null.</summary>
        public abstract ValuePart? Part(SipCase sipCase, ref ValuePart? remembered, JsonTypeInfo type);

        public static Access For(PropertyInfo property)
            => (Access)Activator.CreateInstance(typeof(Access<>).MakeGenericType(property.PropertyType), property)!;
    }

    private sealed class Access<T>(PropertyInfo property) : Access
    {
        private readonly Func<SipCase, T> _get = property.GetMethod!.CreateDelegate<Func<SipCase, T>>();

        public override ValuePart? Part(SipCase sipCase, ref ValuePart? remembered, JsonTypeInfo type)
            => PartOf(_get(sipCase), ref remembered, type);

        /// <summary>
        /// The part the case's lineage made last for this member when <paramref name="value"/> is still its value (most
        /// commands leave most members as they were), else a new one, remembered. An instance is the same value by identity;
        /// a value has no identity, and is compared: a moment with its offset too, for the same instant at another offset is
        /// written otherwise. Each part is one immutable object, so a lineage's commands racing on two threads each read a
        /// whole part, never one value's text beside another's.
        /// </summary>
        public static ValuePart<T>? PartOf(T value, ref ValuePart? remembered, JsonTypeInfo type)
        {
            if (value is null)
            {
                return null;
            }

            if (Volatile.Read(ref remembered) is ValuePart<T> last && Same(last.Value, value))
            {
                return last;
            }

            var (canonical, jsonBytes) = ValuePart.Text(value, type);
            var part = new ValuePart<T>(value, canonical, jsonBytes);
            Volatile.Write(ref remembered, part);
            return part;
        }

        // Specialised per type by the JIT: no boxing for a value, one comparison of references for an instance.
        private static bool Same(T a, T b)
        {
            if (typeof(T) == typeof(DateTimeOffset))
            {
                return Unsafe.As<T, DateTimeOffset>(ref a).EqualsExact(Unsafe.As<T, DateTimeOffset>(ref b));
            }

            if (typeof(T) == typeof(DateTimeOffset?))
            {
                var x = Unsafe.As<T, DateTimeOffset?>(ref a);
                var y = Unsafe.As<T, DateTimeOffset?>(ref b);
                return x.HasValue == y.HasValue && (!x.HasValue || x.GetValueOrDefault().EqualsExact(y.GetValueOrDefault()));
            }

            return typeof(T).IsValueType ? EqualityComparer<T>.Default.Equals(a, b) : ReferenceEquals(a, b);
        }
    }

    /// <summary>The parts a case's lineage made last, one slot per member of the body (<see cref="SipCase.BodyMemo"/>).</summary>
    internal sealed class Memo
    {
        public ValuePart?[] Parts { get; } = new ValuePart?[Members.Length];
    }

    /// <summary>
    /// Holds a case's <see cref="Memo"/>, and compares equal to every other slot: what the digest remembered is no part of
    /// the case's value, so two equal cases stay equal (a record compares its fields).
    /// </summary>
    internal readonly struct MemoSlot(Memo memo) : IEquatable<MemoSlot>
    {
        public Memo? Memo { get; } = memo;

        public bool Equals(MemoSlot other) => true;

        public override bool Equals(object? obj) => obj is MemoSlot;

        public override int GetHashCode() => 0;
    }

    // A case made without the engine (read from a store, built by a host) starts a memo of its own; two threads doing so
    // at once each start one, and the last kept is as good as the other.
    private static Memo MemoOf(SipCase sipCase)
    {
        if (sipCase.BodyMemo.Memo is { } memo)
        {
            return memo;
        }

        memo = new Memo();
        sipCase.BodyMemo = new MemoSlot(memo);
        return memo;
    }

    /// <summary>The members the engine sets as it seals a case.</summary>
    private enum SealedMember
    {
        None,
        Version,
        NextDeadline,
        OpenDeadlines,
    }

    /// <summary>One member of the body, in the digest's canonical order.</summary>
    private sealed class Member
    {

        public Member(JsonPropertyInfo property, int index)
        {
            // Member names are the camel-cased names of C# properties: plain ASCII, the same in JSON and in canonical form.
            if (!property.Name.All(char.IsAsciiLetterOrDigit))
            {
                throw new InvalidOperationException($"SipCase's member '{property.Name}' is not a plain ASCII name.");
            }

            Property = property;
            Index = index;
            CanonicalName = System.Text.Encoding.ASCII.GetBytes($"\"{property.Name}\":");
            JsonNameBytes = CanonicalName.Length;
            Lists = property.CustomConverter as IListParts;
            Sealed = property.AttributeProvider switch
            {
                PropertyInfo { Name: nameof(SipCase.Version) } => SealedMember.Version,
                PropertyInfo { Name: nameof(SipCase.NextDeadline) } => SealedMember.NextDeadline,
                PropertyInfo { Name: nameof(SipCase.OpenDeadlines) } => SealedMember.OpenDeadlines,
                _ => SealedMember.None,
            };
            Type = CanonicalOrder.GetTypeInfo(property.PropertyType);

            // The digest reads each value member through a typed getter of the C# property, and leaves out only a null;
            // a member the serializer would leave out on a condition of its own would be written by the one and not the other.
            if (property.ShouldSerialize is not null)
            {
                throw new InvalidOperationException($"SipCase.{property.Name} is written on a condition of its own; the case body writes every member that is not null.");
            }

            if (Lists is null)
            {
                var clr = (PropertyInfo)property.AttributeProvider!;

                // A value is compared with the memo's by its own equality, which must hold exactly when its JSON is the same:
                // so for these types (a DateTime's ignores its kind, a struct's may ignore what it writes), and a moment's by
                // EqualsExact. Another value type needs its comparison thought through before it joins the case.
                var valueType = Nullable.GetUnderlyingType(clr.PropertyType) ?? clr.PropertyType;
                if (valueType.IsValueType && !(valueType.IsEnum || valueType == typeof(long) || valueType == typeof(int) || valueType == typeof(bool)
                    || valueType == typeof(DateTimeOffset) || valueType == typeof(DateOnly) || valueType == typeof(SipCaseId)))
                {
                    throw new InvalidOperationException($"SipCase.{clr.Name} is a {valueType.Name}; the case body compares only values whose equality is their JSON's.");
                }

                if (Sealed is SealedMember.Version && clr.PropertyType != typeof(long) || Sealed is SealedMember.NextDeadline && clr.PropertyType != typeof(DateTimeOffset?))
                {
                    throw new InvalidOperationException($"SipCase.{clr.Name} is a {clr.PropertyType.Name}; the engine seals it as another type.");
                }

                Access = Access.For(clr);
            }
        }

        public JsonTypeInfo Type { get; }

        public Access Access { get; } = null!;

        public JsonPropertyInfo Property { get; }

        public int Index { get; }

        public byte[] CanonicalName { get; }

        public int JsonNameBytes { get; }

        public IListParts? Lists { get; }

        public SealedMember Sealed { get; }

    }

    /// <summary>
    /// The list member of the body named <paramref name="jsonName"/> (its JSON name): how to get the list from a case, and
    /// its elements' memoised JSON.
    /// </summary>
    public static (Func<object, object?> Get, IListParts Parts)? ListMember(string jsonName)
        => Members.FirstOrDefault(m => m.Property.Name == jsonName) is { Lists: { } lists } member ? (member.Property.Get!, lists) : null;

    /// <summary>A list member's digest and the size of its JSON, from its elements' parts; and its elements one by one.</summary>
    public interface IListParts
    {
        ListPart Part(object list);

        int Count(object list);

        /// <summary>Element <paramref name="index"/> of the list, for comparing instances.</summary>
        object? At(object list, int index);

        /// <summary>Element <paramref name="index"/>'s JSON as the body holds it (memoised).</summary>
        byte[] Json(object list, int index);
    }

    // Writes one list of the case from its elements' parts: their memoised JSON.
    private sealed class Elements<T>(JsonTypeInfo element) : JsonConverter<IReadOnlyList<T>>, IListParts
    {
        private readonly JsonTypeInfo<T> _element = (JsonTypeInfo<T>)element;

        public ListPart Part(object list) => ListPartOf((IReadOnlyList<T>)list, _element);

        // A case's lists are SipLists, whose count needs no cast to IReadOnlyList<T>: in shared generic code that cast takes the
        // runtime's slow, variance-aware path (about 2 % of an in-memory command, counting some twenty lists).
        public int Count(object list) => list is Internal.ISipList sipList ? sipList.Count : ((IReadOnlyList<T>)list).Count;

        public object? At(object list, int index) => ((IReadOnlyList<T>)list)[index];

        public byte[] Json(object list, int index) => ((IReadOnlyList<T>)list)[index] is { } item ? PartOf(item, _element).Json : NullPart.Json;

        public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => throw new NotSupportedException("The case body's parts are only written; a case is read with SipJson.DeserializeCase.");

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            for (var i = 0; i < value.Count; i++)
            {
                var item = value[i];
                writer.WriteRawValue(item is null ? NullPart.Json : PartOf(item, _element).Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
        }
    }
}
