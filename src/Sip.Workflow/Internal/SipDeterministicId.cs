using System.Security.Cryptography;
using System.Text;

namespace Sip.Workflow.Internal;

/// <summary>
/// A Guid derived from names (RFC 9562 version 8, SHA-256 based): the same names give the same id on every run and every
/// node, which is what makes a message written twice from the feed, or applied twice, the same message and the same command.
/// </summary>
internal static class SipDeterministicId
{
    public static Guid From(params ReadOnlySpan<string> parts)
    {
        // Unit separator between parts, so ("ab", "c") and ("a", "bc") differ.
        var text = string.Join('\u001F', parts.ToArray());
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
