using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Sip.Workflow.Internal;

/// <summary>
/// The one way the audit trail hashes a record of fields (events, tombstones, checkpoints): each field written with its
/// length in front, so no choice of text can make two different records serialise alike, then SHA-256 — or HMAC-SHA-256
/// under an audit key. docs/audit-trail.md gives the form.
/// </summary>
internal sealed class SipFieldHash
{
    private readonly StringBuilder _text = new(256);

    /// <summary>Starts a record with the name of its form (e.g. <c>sip-tombstone/1</c>), so records of two kinds never hash alike.</summary>
    public static SipFieldHash Of(string form) => new SipFieldHash().Field(form);

    /// <summary>Starts a record without a form name (the first event form, which starts with a Guid).</summary>
    public static SipFieldHash Unnamed() => new();

    public SipFieldHash Field(string? value)
    {
        _text.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');
        return this;
    }

    /// <summary>Lowercase hex of SHA-256, or of HMAC-SHA-256 under <paramref name="key"/> when one is given.</summary>
    public string Finish(ReadOnlySpan<byte> key)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(_text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(_text.ToString(), bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            if (key.IsEmpty)
            {
                SHA256.HashData(bytes.AsSpan(0, length), hash);
            }
            else
            {
                HMACSHA256.HashData(key, bytes.AsSpan(0, length), hash);
            }

            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
