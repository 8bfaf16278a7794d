using System.Security.Cryptography;
using CsCheck;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// The hash object kept per thread (<see cref="SipSha256"/>) gives exactly what a one-shot SHA-256 or HMAC-SHA-256 gives,
/// whatever was hashed before it on the thread and under whichever key: a hash carried over from one record to the next
/// would seal a wrong hash into the audit trail.
/// </summary>
public sealed class Sha256Tests
{
    private static readonly Gen<byte[]> Data = Gen.Byte.Array[0, 3000];

    // Three keys and none, so that a thread keeps switching between keyed and unkeyed and from key to key.
    private static readonly byte[][] Keys = [[], RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(64)];

    private static byte[] OneShot(byte[] key, byte[] data) => key.Length == 0 ? SHA256.HashData(data) : HMACSHA256.HashData(key, data);

    [Fact]
    public void Any_sequence_of_records_and_keys_hashes_as_one_shot_hashing_each()
        => Gen.Select(Gen.Int[0, Keys.Length - 1], Data).List[1, 20].Sample(records =>
        {
            foreach (var (k, data) in records)
            {
                SipSha256.Hash(Keys[k], data).Should().Equal(OneShot(Keys[k], data));
            }
        });

    [Fact]
    public void Threads_hashing_at_once_each_get_their_own_records_hash()
    {
        var records = Enumerable.Range(0, 64).Select(i => (Key: Keys[i % Keys.Length], Data: RandomNumberGenerator.GetBytes(i * 37))).ToArray();
        var expected = records.Select(r => OneShot(r.Key, r.Data)).ToArray();
        var mismatches = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var at = (i * 13) % records.Length;
            Span<byte> hash = stackalloc byte[32];
            SipSha256.Hash(records[at].Key, records[at].Data, hash);
            if (!hash.SequenceEqual(expected[at]))
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        mismatches.Should().Be(0);
    }
}
