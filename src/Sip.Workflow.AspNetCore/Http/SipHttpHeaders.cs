using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sip.Workflow.AspNetCore;

/// <summary>The HTTP headers the endpoints read and write, and how each maps onto the engine.</summary>
internal static class SipHttpHeaders
{
    /// <summary>The request header naming a command for safe retries (draft-ietf-httpapi-idempotency-key-header).</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>The response header saying a command's result is the first one's, replayed.</summary>
    public const string IdempotentReplayed = "Idempotent-Replayed";

    /// <summary>The request header that gives a read's why-code for the access log (e.g. <c>uppföljning</c>); codes only, never personal data.</summary>
    public const string AccessReason = "Sip-Access-Reason";

    /// <summary>The longest Idempotency-Key taken.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    // A fixed namespace for the name-based ids (command ids, the case id of an open) (RFC 9562, UUIDv8 from SHA-256): the same user and key always give
    // the same command id, on every server and after every restart.
    private static readonly byte[] NameNamespace = Guid.Parse("5d0c3c5e-2b1e-4d53-9a55-3f6d2f1c7a41").ToByteArray(bigEndian: true);

    /// <summary>The strong ETag of a case version: <c>"7"</c>.</summary>
    public static string ETag(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>
    /// The version an <c>If-Match</c> header names, or <see langword="null"/> when there is none or it is <c>*</c> (any
    /// version: no check).
    /// </summary>
    /// <exception cref="ArgumentException">The header is not one strong ETag this API gave out, nor <c>*</c>.</exception>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return null;
        }

        var text = values.Count == 1 ? values[0]!.Trim() : null;
        if (text == "*")
        {
            return null;
        }

        return TryParseETag(text, out var version)
            ? version
            : throw new ArgumentException(
                "'If-Match' must be one ETag as GET /cases/{caseId} returned it, e.g. \"7\" (with the quotes), or * to apply to any version.",
                HeaderNames.IfMatch);
    }

    /// <summary>Whether <c>If-None-Match</c> names <paramref name="version"/> (or is <c>*</c>): the client's copy is current.</summary>
    public static bool IfNoneMatch(HttpRequest request, long version)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var tag in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // If-None-Match compares weakly (RFC 9110, 13.1.2): a weak tag of the same version matches too.
                if (tag == "*" || (TryParseETag(tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag, out var seen) && seen == version))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool TryParseETag(string? text, out long version)
    {
        version = 0;
        return text is ['"', .. var digits, '"']
            && digits.Length is > 0 and <= 18
            && digits.All(char.IsAsciiDigit)
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && version >= 1;
    }

    /// <summary>
    /// The command id an <c>Idempotency-Key</c> header names for <paramref name="actor"/>, or <see langword="null"/>
    /// when there is none. The key is scoped to the user: the id is a name-based UUID over the user id and the key, so
    /// one user's key never meets another's command (nor tells them which case it changed).
    /// </summary>
    /// <exception cref="ArgumentException">The key is empty, longer than 255 characters, or not visible ASCII.</exception>
    public static CommandId? CommandId(HttpRequest request, SipActor actor)
    {
        var values = request.Headers[IdempotencyKey];
        if (values.Count == 0)
        {
            return null;
        }

        var key = values.Count == 1 ? values[0]!.Trim() : string.Empty;

        // The draft writes the key as a structured-field string ("..."); clients that leave the quotes off are common.
        if (key is ['"', .. var quoted, '"'])
        {
            key = quoted;
        }

        if (key.Length is 0 or > MaxIdempotencyKeyLength || !key.All(c => c is >= '!' and <= '~'))
        {
            throw new ArgumentException(
                $"'{IdempotencyKey}' must be one key of 1 to {MaxIdempotencyKeyLength} visible ASCII characters (a UUID is usual); send the same key when you retry.",
                IdempotencyKey);
        }

        return new CommandId(NameBased(actor.UserId, key));
    }

    /// <summary>
    /// A name-based UUID (RFC 9562 UUIDv8 over SHA-256, the construction of its appendix B.2) of <paramref name="name"/> in
    /// <paramref name="scope"/>: the same inputs give the same id on every server and after every restart.
    /// </summary>
    public static Guid NameBased(string scope, string name)
    {
        var hash = SHA256.HashData([.. NameNamespace, .. Encoding.UTF8.GetBytes(scope + "\n" + name)]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>
    /// The language a request asks for: a <c>language</c> query value (<c>sv</c>, <c>en</c>, <c>Swedish</c>,
    /// <c>English</c>) first, then the best <c>Accept-Language</c> entry that is Swedish or English; otherwise
    /// <see langword="null"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The <c>language</c> query value is neither Swedish nor English.</exception>
    public static SipLanguage? Language(HttpRequest request)
    {
        if (request.Query["language"] is { Count: > 0 } asked)
        {
            return LanguageOf(asked.ToString())
                ?? throw new ArgumentException("'language' must be sv (Swedish) or en (English).", "language");
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage;
        return accepted
            .Where(a => a.Quality is not 0)
            .OrderByDescending(a => a.Quality ?? 1)
            .Select(a => LanguageOf(a.Value.Value))
            .FirstOrDefault(l => l is not null);
    }

    private static SipLanguage? LanguageOf(string? tag)
    {
        var primary = tag?.Split('-', 2)[0];
        return primary?.ToUpperInvariant() switch
        {
            "SV" or "SWEDISH" => SipLanguage.Swedish,
            "EN" or "ENGLISH" => SipLanguage.English,
            _ => null,
        };
    }

    /// <summary>The BCP 47 tag of a language, for <c>Content-Language</c>.</summary>
    public static string Tag(SipLanguage language) => language == SipLanguage.English ? "en" : "sv";
}
