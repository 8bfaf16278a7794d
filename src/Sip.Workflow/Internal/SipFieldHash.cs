using System.Buffers;
using System.Globalization;
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
    // The record's UTF-8 bytes, written field by field into a pooled buffer: the same bytes as encoding the whole text at
    // once (each field is whole text, and a lone surrogate encodes alike either way), without the text itself.
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(1024);
    private int _length;

    /// <summary>Starts a record with the name of its form (e.g. <c>sip-tombstone/1</c>), so records of two kinds never hash alike.</summary>
    public static SipFieldHash Of(string form) => new SipFieldHash().Field(form);

    /// <summary>Starts a record without a form name (the first event form, which starts with a Guid).</summary>
    public static SipFieldHash Unnamed() => new();

    public SipFieldHash Field(string? value)
    {
        // The length in UTF-16 code units, as the form has always counted it; at most 11 characters, then ':' and '|'.
        var room = Room(13 + (value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length)));
        (value?.Length ?? -1).TryFormat(room, out var written, provider: CultureInfo.InvariantCulture);
        room[written++] = (byte)':';
        if (value is not null)
        {
            written += Encoding.UTF8.GetBytes(value, room[written..]);
        }

        room[written++] = (byte)'|';
        _length += written;
        return this;
    }

    /// <summary>A number as its invariant text: the same bytes as <c>Field(value.ToString(CultureInfo.InvariantCulture))</c>, without the string.</summary>
    public SipFieldHash Field(long value)
    {
        Span<byte> text = stackalloc byte[20];
        value.TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
        return Ascii(text[..length]);
    }

    /// <summary>A Guid as its "D" text: the same bytes as <c>Field(value.ToString("D"))</c>, without the string.</summary>
    public SipFieldHash Field(Guid value)
    {
        Span<byte> text = stackalloc byte[36];
        value.TryFormat(text, out var length, "D");
        return Ascii(text[..length]);
    }

    // ASCII text: its length in UTF-16 code units is its length in bytes.
    private SipFieldHash Ascii(ReadOnlySpan<byte> text)
    {
        var room = Room(13 + text.Length);
        text.Length.TryFormat(room, out var written, provider: CultureInfo.InvariantCulture);
        room[written++] = (byte)':';
        text.CopyTo(room[written..]);
        written += text.Length;
        room[written++] = (byte)'|';
        _length += written;
        return this;
    }

    /// <summary>Lowercase hex of SHA-256, or of HMAC-SHA-256 under <paramref name="key"/> when one is given.</summary>
    public string Finish(ReadOnlySpan<byte> key)
    {
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            var record = _bytes.AsSpan(0, _length);
            SipSha256.Hash(key, record, hash);

            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }

    private Span<byte> Room(int needed)
    {
        if (_bytes.Length - _length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + needed));
            _bytes.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }

        return _bytes.AsSpan(_length);
    }
}
