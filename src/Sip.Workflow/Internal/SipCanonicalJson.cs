using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sip.Workflow.Internal;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): the one byte form of a JSON value whatever wrote it. Object members
/// sorted by their names' UTF-16 code units, no whitespace, strings with only the escapes JSON requires, numbers as
/// ECMAScript writes a double. The audit trail hashes a stored case in this form, so a database that reformats JSON
/// (PostgreSQL's jsonb reorders keys and drops whitespace) or a later serializer that writes members in another order
/// cannot make an untouched case look changed.
/// </summary>
internal static class SipCanonicalJson
{
    // One buffer per thread, reused: a case body is hashed on every command and should not cost a fresh buffer each time.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The canonical UTF-8 bytes of a JSON text.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static byte[] Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Canonicalize(document.RootElement);
    }

    /// <summary>The canonical UTF-8 bytes of a JSON value.</summary>
    public static byte[] Canonicalize(JsonElement value)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        Write(value, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// SHA-256 over the canonical form of a JSON value, or HMAC-SHA-256 under <paramref name="key"/> when one is given,
    /// without keeping the canonical bytes.
    /// </summary>
    public static byte[] Hash(JsonElement value, ReadOnlySpan<byte> key)
    {
        var output = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        output.ResetWrittenCount();
        try
        {
            Write(value, output);
            return SipSha256.Hash(key, output.WrittenSpan);
        }
        finally
        {
            // A rare huge case must not pin a huge buffer to the thread for good.
            if (output.Capacity > 1024 * 1024)
            {
                t_buffer = null;
            }
        }
    }

    /// <summary>SHA-256 (HMAC-SHA-256 under <paramref name="key"/>) over the canonical form of a JSON text.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static byte[] Hash(string json, ReadOnlySpan<byte> key)
    {
        using var document = JsonDocument.Parse(json);
        return Hash(document.RootElement, key);
    }

    /// <summary>
    /// The case hash of the third and fourth forms (docs/audit-trail.md): SHA-256 (HMAC-SHA-256 under <paramref name="key"/>)
    /// over the canonical form of <paramref name="body"/> with each of its array members replaced by an array of one string,
    /// the <see cref="ListDigest"/> of that array; in the fourth form (<paramref name="keepEmptyArrays"/>) an empty array
    /// is kept as it is.
    /// </summary>
    /// <exception cref="JsonException"><paramref name="body"/> is not a JSON object.</exception>
    public static byte[] HashWithListDigests(JsonElement body, ReadOnlySpan<byte> key, bool keepEmptyArrays)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A case body is a JSON object, not {body.ValueKind}.");
        }

        var output = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        output.ResetWrittenCount();
        try
        {
            WriteObject(body, output, digestArrays: true, keepEmptyArrays);
            return SipSha256.Hash(key, output.WrittenSpan);
        }
        finally
        {
            if (output.Capacity > 1024 * 1024)
            {
                t_buffer = null;
            }
        }
    }

    /// <summary>
    /// Lowercase hex of SHA-256 over the concatenated SHA-256 digests (32 bytes each, never keyed) of the canonical forms
    /// of an array's elements, in order.
    /// </summary>
    public static string ListDigest(JsonElement array)
    {
        using var digests = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in array.EnumerateArray())
        {
            digests.AppendData(SHA256.HashData(Canonicalize(item)));
        }

        return Convert.ToHexStringLower(digests.GetHashAndReset());
    }

    /// <summary>
    /// The canonical UTF-8 bytes of a JSON text given as UTF-8, built in a reused buffer of this thread's: the one
    /// allocation is the result.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static byte[] Canonicalize(ReadOnlyMemory<byte> json)
    {
        var output = t_elementBuffer ??= new ArrayBufferWriter<byte>(4096);
        output.ResetWrittenCount();
        try
        {
            if (!TryWritePlain(json.Span, output))
            {
                output.ResetWrittenCount();
                using var document = JsonDocument.Parse(json);
                Write(document.RootElement, output);
            }

            return output.WrittenSpan.ToArray();
        }
        finally
        {
            if (output.Capacity > 1024 * 1024)
            {
                t_elementBuffer = null;
            }
        }
    }

    /// <summary>SHA-256 over the canonical form of one list element given as the UTF-8 JSON its serializer wrote.</summary>
    public static byte[] ElementDigest(ReadOnlyMemory<byte> json) => SipSha256.Hash(default, Canonicalize(json));

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_elementBuffer;

    // What a serializer writes for most values — objects with plain ASCII member names, arrays, strings without escapes,
    // integers of up to 15 digits, literals — canonicalised straight from a reader, without building a document: the same
    // bytes Write gives (a raw string without a backslash is canonical, and such an integer is a double ECMAScript writes
    // as its digits). Anything else is left to Write: false, the output to be discarded.
    private static bool TryWritePlain(ReadOnlySpan<byte> json, ArrayBufferWriter<byte> output)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && TryWritePlainValue(ref reader, json, output) && !reader.Read();
        }
        catch (JsonException)
        {
            // Not JSON: the full path says so.
            return false;
        }
    }

    private static bool TryWritePlainValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ArrayBufferWriter<byte> output)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (reader.ValueIsEscaped)
                {
                    return false;
                }

                Raw(output, "\""u8);
                Raw(output, reader.ValueSpan);
                Raw(output, "\""u8);
                return true;
            case JsonTokenType.Number:
                if (!IsPlainInteger(reader.ValueSpan))
                {
                    return false;
                }

                Raw(output, reader.ValueSpan);
                return true;
            case JsonTokenType.True:
                Raw(output, "true"u8);
                return true;
            case JsonTokenType.False:
                Raw(output, "false"u8);
                return true;
            case JsonTokenType.Null:
                Raw(output, "null"u8);
                return true;
            case JsonTokenType.StartArray:
                Raw(output, "["u8);
                var first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first)
                    {
                        Raw(output, ","u8);
                    }

                    first = false;
                    if (!TryWritePlainValue(ref reader, json, output))
                    {
                        return false;
                    }
                }

                Raw(output, "]"u8);
                return true;
            case JsonTokenType.StartObject:
                return TryWritePlainObject(ref reader, json, output);
            default:
                return false;
        }
    }

    private const int MaxPlainMembers = 32;

    // Each member's name and value as offsets into the text; sorted by name, each value is written from its own text.
    private static bool TryWritePlainObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ArrayBufferWriter<byte> output)
    {
        Span<PlainMember> members = stackalloc PlainMember[MaxPlainMembers];
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            if (count == MaxPlainMembers || reader.ValueIsEscaped || !IsPlainAscii(name))
            {
                return false;
            }

            var nameStart = (int)reader.TokenStartIndex + 1;
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            members[count++] = new PlainMember(nameStart, name.Length, valueStart, (int)reader.BytesConsumed);
        }

        members = members[..count];
        for (var i = 1; i < members.Length; i++)
        {
            // Insertion sort: a handful of members. For ASCII, byte order is UTF-16 code-unit order.
            var member = members[i];
            var j = i - 1;
            for (; j >= 0 && NameOf(json, members[j]).SequenceCompareTo(NameOf(json, member)) > 0; j--)
            {
                members[j + 1] = members[j];
            }

            members[j + 1] = member;
        }

        Raw(output, "{"u8);
        for (var i = 0; i < members.Length; i++)
        {
            // Two members of one name: left to Write, which keeps both as the document holds them.
            if (i > 0 && NameOf(json, members[i - 1]).SequenceEqual(NameOf(json, members[i])))
            {
                return false;
            }

            if (i > 0)
            {
                Raw(output, ","u8);
            }

            Raw(output, "\""u8);
            Raw(output, NameOf(json, members[i]));
            Raw(output, "\":"u8);
            var value = json[members[i].ValueStart..members[i].ValueEnd];
            var valueReader = new Utf8JsonReader(value);
            if (!valueReader.Read() || !TryWritePlainValue(ref valueReader, value, output))
            {
                return false;
            }
        }

        Raw(output, "}"u8);
        return true;
    }

    private static ReadOnlySpan<byte> NameOf(ReadOnlySpan<byte> json, PlainMember member) => json.Slice(member.NameStart, member.NameLength);

    private readonly record struct PlainMember(int NameStart, int NameLength, int ValueStart, int ValueEnd);

    private static void Write(JsonElement value, ArrayBufferWriter<byte> output)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(value, output, digestArrays: false, keepEmptyArrays: false);
                break;
            case JsonValueKind.Array:
                Ascii(output, "[");
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first)
                    {
                        Ascii(output, ",");
                    }

                    first = false;
                    Write(item, output);
                }

                Ascii(output, "]");
                break;
            case JsonValueKind.String:
                // Raw text without a backslash is already canonical: JSON forbids unescaped quotes and controls, and
                // every other character is written as itself in UTF-8. Only escaped text is decoded and re-escaped.
                var raw = JsonMarshal.GetRawUtf8Value(value);
                if (raw[1..^1].IndexOf((byte)'\\') < 0)
                {
                    Raw(output, raw);
                }
                else
                {
                    WriteString(value.GetString()!, output);
                }

                break;
            case JsonValueKind.Number:
                Ascii(output, Number(value.GetDouble()));
                break;
            case JsonValueKind.True:
                Ascii(output, "true");
                break;
            case JsonValueKind.False:
                Ascii(output, "false");
                break;
            default:
                Ascii(output, "null");
                break;
        }
    }

    // With digestArrays, each array member is written as its list digest (the third and fourth case-hash forms' top level);
    // with keepEmptyArrays too, an empty one is written as it is (the fourth).
    private static void WriteObject(JsonElement value, ArrayBufferWriter<byte> output, bool digestArrays, bool keepEmptyArrays)
    {
        var count = value.GetPropertyCount();
        var members = ArrayPool<JsonProperty>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var i = 0;
            foreach (var member in value.EnumerateObject())
            {
                members[i++] = member;
            }

            // RFC 8785 §3.2.3: sorted by the names' UTF-16 code units.
            members.AsSpan(0, count).Sort(NameOrder);
            Ascii(output, "{");
            for (i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    Ascii(output, ",");
                }

                var rawName = JsonMarshal.GetRawUtf8PropertyName(members[i]);
                if (IsPlainAscii(rawName))
                {
                    Raw(output, "\""u8);
                    Raw(output, rawName);
                    Raw(output, "\""u8);
                }
                else
                {
                    WriteString(members[i].Name, output);
                }

                Ascii(output, ":");
                if (digestArrays && members[i].Value.ValueKind == JsonValueKind.Array && !(keepEmptyArrays && members[i].Value.GetArrayLength() == 0))
                {
                    WriteDigests(members[i].Value, output);
                }
                else
                {
                    Write(members[i].Value, output);
                }
            }

            Ascii(output, "}");
        }
        finally
        {
            ArrayPool<JsonProperty>.Shared.Return(members, clearArray: true);
        }
    }

    private static void WriteDigests(JsonElement array, ArrayBufferWriter<byte> output)
    {
        Ascii(output, "[\"");
        Ascii(output, ListDigest(array));
        Ascii(output, "\"]");
    }

    // RFC 8785 §3.2.2.2: escape only the quote, the backslash and the C0 controls (the five with short forms use them);
    // everything else is written as itself, in UTF-8.
    private static void WriteString(string text, ArrayBufferWriter<byte> output)
    {
        Ascii(output, "\"");
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\f' => "\\f",
                '\r' => "\\r",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (escape is not null)
            {
                Utf8(output, text.AsSpan(start, i - start));
                Ascii(output, escape);
                start = i + 1;
            }
        }

        Utf8(output, text.AsSpan(start));
        Ascii(output, "\"");
    }

    /// <summary>A double as ECMAScript's Number.prototype.toString writes it (RFC 8785 §3.2.2.3).</summary>
    internal static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no NaN or infinity.");
        }

        if (value == 0)
        {
            return "0";
        }

        if (value < 0)
        {
            return "-" + Number(-value);
        }

        // .NET's "R" is the shortest text that reads back as the same double, as ECMAScript's is; only the layout
        // differs. Split it into significant digits d1…dk and n, where value = 0.d1…dk × 10^n.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var all = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        var n = integerDigits - leadingZeros + exponent;
        var k = digits.Length;

        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var power = n - 1;
        return digits[..1] + (k > 1 ? "." + digits[1..] : string.Empty) + "e" + (power < 0 ? "-" : "+") + Math.Abs(power).ToString(CultureInfo.InvariantCulture);
    }

    private static readonly Comparison<JsonProperty> NameOrder = static (a, b) =>
    {
        var x = JsonMarshal.GetRawUtf8PropertyName(a);
        var y = JsonMarshal.GetRawUtf8PropertyName(b);

        // For ASCII, byte order is UTF-16 code-unit order; anything else is compared as the decoded names.
        return IsPlainAscii(x) && IsPlainAscii(y) ? x.SequenceCompareTo(y) : string.CompareOrdinal(a.Name, b.Name);
    };

    // An integer of up to 15 digits without a leading zero (nor "-0"): a double ECMAScript writes as these very digits.
    private static bool IsPlainInteger(ReadOnlySpan<byte> number)
    {
        var digits = number[0] == (byte)'-' ? number[1..] : number;
        return digits.Length is > 0 and <= 15 && !(digits[0] == (byte)'0' && number.Length > 1) && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private const int MaxCanonicalDepth = 64;

    /// <summary>
    /// Whether <paramref name="json"/> is its own canonical form: no white space between its tokens, every object's members
    /// in ascending order of their plain ASCII names (no two alike), no escaped string, and no number but a plain integer. Then <see cref="Canonicalize(ReadOnlyMemory{byte})"/> would give the same bytes, and one read instead of a rewrite tells
    /// so. Anything else (a dictionary's keys in the order given, an escape, a fraction) answers false: canonicalise it.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<byte> json)
    {
        // The last member name of each object open, as its place in the text.
        Span<(int Start, int Length)> lastName = stackalloc (int, int)[MaxCanonicalDepth];
        var depth = -1;

        // Where the token before ended: the reader skips white space, which the canonical form has none of, so between two
        // tokens stands nothing or one separator, and nothing after the last.
        var end = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                if (start - end > 1 || (start - end == 1 && json[end] is not ((byte)',' or (byte)':')))
                {
                    return false;
                }

                end = start + reader.TokenType switch
                {
                    JsonTokenType.String or JsonTokenType.PropertyName => reader.ValueSpan.Length + 2,
                    JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => reader.ValueSpan.Length,
                    _ => 1,
                };
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        if (++depth == MaxCanonicalDepth)
                        {
                            return false;
                        }

                        lastName[depth] = (0, -1);
                        break;
                    case JsonTokenType.EndObject:
                        depth--;
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.ValueSpan;
                        var (before, length) = lastName[depth];
                        if (reader.ValueIsEscaped || !IsPlainAscii(name) || (length >= 0 && json.Slice(before, length).SequenceCompareTo(name) >= 0))
                        {
                            return false;
                        }

                        lastName[depth] = (start + 1, name.Length);
                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped:
                    case JsonTokenType.Number when !IsPlainInteger(reader.ValueSpan):
                        return false;
                    case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                        or JsonTokenType.StartArray or JsonTokenType.EndArray:
                        break;
                    default:
                        return false;
                }
            }

            return end == json.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsPlainAscii(ReadOnlySpan<byte> raw) => System.Text.Ascii.IsValid(raw) && raw.IndexOf((byte)'\\') < 0;

    private static void Raw(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static void Ascii(ArrayBufferWriter<byte> output, string text) => Utf8(output, text);

    private static void Utf8(ArrayBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
