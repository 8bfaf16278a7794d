using System.Security.Cryptography;

namespace Sip.Workflow.Internal;

/// <summary>
/// SHA-256, or HMAC-SHA-256 under an audit key, on a hash object kept per thread and reset after each use. Every command
/// hashes its case body and its event: a one-shot call sets up and tears down the algorithm each time, which costs more
/// than hashing the few hundred bytes itself (about 0.1 µs more for SHA-256 and 0.7 µs more for HMAC per call).
/// </summary>
/// <remarks>
/// The HMAC object holds the last key this thread hashed with (the current audit key, almost always); a copy of that key
/// is kept beside it to tell when another is asked for. The key ring holds the keys in memory anyway.
/// </remarks>
internal static class SipSha256
{
    [ThreadStatic]
    private static IncrementalHash? t_sha;

    [ThreadStatic]
    private static byte[]? t_hmacKey;

    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    /// <summary>SHA-256 of <paramref name="data"/>, or HMAC-SHA-256 under <paramref name="key"/> when one is given, into <paramref name="destination"/> (32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = key.IsEmpty ? t_sha ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : Keyed(key);
        try
        {
            hash.AppendData(data);
            hash.GetHashAndReset(destination);
        }
        catch
        {
            // A hash object that failed half-way may hold part of a record: it is never used again.
            hash.Dispose();
            t_sha = null;
            t_hmac = null;
            t_hmacKey = null;
            throw;
        }
    }

    /// <summary>As <see cref="Hash(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>, into a new array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var result = new byte[SHA256.HashSizeInBytes];
        Hash(key, data, result);
        return result;
    }

    private static IncrementalHash Keyed(ReadOnlySpan<byte> key)
    {
        if (t_hmac is { } hmac && key.SequenceEqual(t_hmacKey))
        {
            return hmac;
        }

        t_hmac?.Dispose();
        t_hmac = null;
        t_hmacKey = key.ToArray();
        return t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
    }
}
