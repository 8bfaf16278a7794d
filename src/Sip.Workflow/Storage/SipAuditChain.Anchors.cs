using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

// Seals and checks for what anchors the history outside a case's own chain: tombstones and checkpoints.
public static partial class SipAuditChain
{
    /// <summary>
    /// The seal a tombstone must carry: SHA-256 (HMAC-SHA-256 under <paramref name="auditKey"/>) over its fields in the form
    /// <c>sip-tombstone/1</c> of docs/audit-trail.md.
    /// </summary>
    /// <param name="tombstone">The tombstone; its own <see cref="SipTombstone.Hash"/> is ignored.</param>
    /// <param name="auditKey">The key named by <see cref="SipTombstone.AuditKeyId"/>, or empty.</param>
    /// <returns>Lowercase hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tombstone"/> is <see langword="null"/>.</exception>
    public static string ComputeTombstoneHash(SipTombstone tombstone, ReadOnlySpan<byte> auditKey = default)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        return SipFieldHash.Of("sip-tombstone/1")
            .Field(tombstone.CaseId.ToString())
            .Field(tombstone.PurgedAt.UtcTicks.ToString(CultureInfo.InvariantCulture))
            .Field(tombstone.Actor?.UserId)
            .Field(tombstone.Actor?.Organisation)
            .Field(tombstone.Actor?.Role)
            .Field(SipWireNames.Of(tombstone.RecordKind))
            .Field(tombstone.RetentionYears.ToString(CultureInfo.InvariantCulture))
            .Field(tombstone.LegalBasis)
            .Field(tombstone.LastEntry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Field(tombstone.LastVersion.ToString(CultureInfo.InvariantCulture))
            .Field(tombstone.LastHeadHash)
            .Field(tombstone.AuditKeyId)
            .Finish(auditKey);
    }

    /// <summary>The seal a case checkpoint must carry, in the form <c>sip-checkpoint/1</c> of docs/audit-trail.md.</summary>
    /// <param name="checkpoint">The checkpoint; its own <see cref="SipCaseCheckpoint.Hash"/> is ignored.</param>
    /// <param name="auditKey">The key named by <see cref="SipCaseCheckpoint.AuditKeyId"/>, or empty.</param>
    /// <returns>Lowercase hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="checkpoint"/> is <see langword="null"/>.</exception>
    public static string ComputeCheckpointHash(SipCaseCheckpoint checkpoint, ReadOnlySpan<byte> auditKey = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return SipFieldHash.Of("sip-checkpoint/1")
            .Field(checkpoint.CaseId.ToString())
            .Field(checkpoint.Version.ToString(CultureInfo.InvariantCulture))
            .Field(checkpoint.HeadHash)
            .Field(checkpoint.TakenAt.UtcTicks.ToString(CultureInfo.InvariantCulture))
            .Field(checkpoint.AuditKeyId)
            .Finish(auditKey);
    }

    /// <summary>
    /// The store's head over <paramref name="anchors"/> in the order given (by case id): SHA-256 over one line per anchor,
    /// <c>case id|version|head hash|live or purged</c> and a line feed.
    /// </summary>
    /// <param name="anchors">Every case and tombstone, by case id.</param>
    /// <returns>Lowercase hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="anchors"/> is <see langword="null"/>.</exception>
    public static string ComputeStoreHead(IEnumerable<SipCaseAnchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var anchor in anchors)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{anchor.CaseId}|{anchor.Version}|{anchor.HeadHash}|{(anchor.Purged ? "purged" : "live")}\n")));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The seal a store checkpoint must carry, in the form <c>sip-store-checkpoint/1</c> of docs/audit-trail.md.</summary>
    /// <param name="checkpoint">The checkpoint; its own <see cref="SipStoreCheckpoint.Hash"/> is ignored, its head is taken as given.</param>
    /// <param name="auditKey">The key named by <see cref="SipStoreCheckpoint.AuditKeyId"/>, or empty.</param>
    /// <returns>Lowercase hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="checkpoint"/> is <see langword="null"/>.</exception>
    public static string ComputeStoreCheckpointHash(SipStoreCheckpoint checkpoint, ReadOnlySpan<byte> auditKey = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return SipFieldHash.Of("sip-store-checkpoint/1")
            .Field(checkpoint.TakenAt.UtcTicks.ToString(CultureInfo.InvariantCulture))
            .Field(checkpoint.Anchors?.Count.ToString(CultureInfo.InvariantCulture))
            .Field(checkpoint.Head)
            .Field(checkpoint.AuditKeyId)
            .Finish(auditKey);
    }

    /// <summary>Whether a tombstone's seal matches its content under the ring's key for it (a keyed ring refuses an unkeyed tombstone).</summary>
    internal static bool IsValid(SipTombstone tombstone, SipAuditKeyRing keys)
        => tombstone.Actor is not null && Sealed(tombstone.AuditKeyId, tombstone.PurgedAt, keys, key => ComputeTombstoneHash(tombstone, key), tombstone.Hash);

    internal static bool IsValid(SipCaseCheckpoint checkpoint, SipAuditKeyRing keys)
        => checkpoint.Version >= 1 && Sealed(checkpoint.AuditKeyId, checkpoint.TakenAt, keys, key => ComputeCheckpointHash(checkpoint, key), checkpoint.Hash);

    internal static bool IsValid(SipStoreCheckpoint checkpoint, SipAuditKeyRing keys)
        => checkpoint.Anchors is not null
            && checkpoint.Anchors.All(a => a is not null && a.Version >= 1 && a.HeadHash is not null)
            && string.Equals(ComputeStoreHead(checkpoint.Anchors), checkpoint.Head, StringComparison.Ordinal)
            && Sealed(checkpoint.AuditKeyId, checkpoint.TakenAt, keys, key => ComputeStoreCheckpointHash(checkpoint, key), checkpoint.Hash);

    // A record sealed without a key is trusted only while no key is in force, or when it is older than the moment a key
    // was turned on for existing history (UnkeyedHistoryBefore), as for events: otherwise anyone could write one.
    private static bool Sealed(string? keyId, DateTimeOffset at, SipAuditKeyRing keys, Func<byte[]?, string> compute, string? hash)
    {
        if (keyId is null)
        {
            return (keys.CurrentKeyId is null || (keys.UnkeyedBefore is { } before && at < before))
                && string.Equals(compute(null), hash, StringComparison.Ordinal);
        }

        return keys.TryGet(keyId, out var key) && string.Equals(compute(key), hash, StringComparison.Ordinal);
    }

    /// <summary>
    /// Verifies a case against a checkpoint taken earlier: the checkpoint's seal; then a case that is gone must have a valid
    /// tombstone at or after the checkpoint's version, and a case that is there must have no tombstone, verify on its own,
    /// be at the checkpoint's version or later, and still hold the checkpoint's head at that version.
    /// </summary>
    /// <param name="checkpoint">The checkpoint kept outside the database.</param>
    /// <param name="history">The case's stored history (empty when it is gone).</param>
    /// <param name="sipCase">The case, or <see langword="null"/> when the store has none.</param>
    /// <param name="tombstone">The case's tombstone, if the store has one.</param>
    /// <param name="keys">The audit keys.</param>
    /// <returns>Intact (a purge that the tombstone accounts for included), or what is wrong.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="checkpoint"/> or <paramref name="history"/> is <see langword="null"/>.</exception>
    public static SipAuditVerification VerifyAgainst(
        SipCaseCheckpoint checkpoint, IReadOnlyList<SipEvent> history, SipCase? sipCase, SipTombstone? tombstone, SipAuditKeyRing? keys = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(history);
        keys ??= SipAuditKeyRing.None;
        if (!IsValid(checkpoint, keys))
        {
            return Found(SipAuditFinding.CheckpointNotValid, null,
                "the checkpoint does not match its seal: it was changed, or it was sealed with an audit key not given");
        }

        return Against(checkpoint, history, sipCase, sipCase is null ? null : Verify(history, sipCase, keys), tombstone, keys);
    }

    // Against a checkpoint, with the case's own verification already done (the engine has it at hand, so the chain is
    // verified once).
    internal static SipAuditVerification Against(
        SipCaseCheckpoint checkpoint, IReadOnlyList<SipEvent> history, SipCase? sipCase, SipAuditVerification? own, SipTombstone? tombstone, SipAuditKeyRing keys)
    {
        if (!IsValid(checkpoint, keys))
        {
            return Found(SipAuditFinding.CheckpointNotValid, null,
                "the checkpoint does not match its seal: it was changed, or it was sealed with an audit key not given");
        }

        if (sipCase is not null && tombstone is not null)
        {
            return Found(SipAuditFinding.TombstoneNotValid, null, PurgedCaseBack(checkpoint.CaseId));
        }

        if (own is { IsIntact: false })
        {
            return own;
        }

        return Compare(checkpoint.CaseId, checkpoint.Version, checkpoint.HeadHash, history, sipCase?.Version, tombstone, keys);
    }

    internal static string PurgedCaseBack(SipCaseId caseId)
        => $"case {caseId} was purged, but a case with that id is in the store again: it was put back outside the engine (a restored backup?)";

    // The one comparison of a case as stored now (its verified history and version, or its tombstone) with what an anchor
    // (a case checkpoint or one entry of a store checkpoint) saw then.
    internal static SipAuditVerification Compare(
        SipCaseId caseId, long version, string headHash, IReadOnlyList<SipEvent> history, long? currentVersion, SipTombstone? tombstone, SipAuditKeyRing keys)
    {
        if (currentVersion is not { } current)
        {
            if (tombstone is null)
            {
                return Found(SipAuditFinding.Missing, null,
                    $"the checkpoint knew case {caseId} at version {version}, and it is gone without a tombstone: it was deleted outside the engine");
            }

            if (tombstone.CaseId != caseId || !IsValid(tombstone, keys))
            {
                return Found(SipAuditFinding.TombstoneNotValid, null, $"the tombstone of case {caseId} does not match its seal: it was written or changed outside the engine");
            }

            if (tombstone.LastVersion < version
                || (tombstone.LastVersion == version && !string.Equals(tombstone.LastHeadHash, headHash, StringComparison.Ordinal)))
            {
                return Found(SipAuditFinding.RolledBack, null,
                    $"case {caseId} was purged at version {tombstone.LastVersion}, but the checkpoint saw version {version} with another head: it was set back before the purge");
            }

            return new SipAuditVerification(true, null, null) { Finding = SipAuditFinding.None, Purged = true };
        }

        if (current < version || history.Count < version)
        {
            return Found(SipAuditFinding.RolledBack, current + 1,
                $"case {caseId} is at version {current}, but the checkpoint saw version {version}: the case was set back and its newest events removed");
        }

        if (!string.Equals(history[(int)version - 1].Hash, headHash, StringComparison.Ordinal))
        {
            return Found(SipAuditFinding.Broken, version,
                $"event {version} of case {caseId} is not the one the checkpoint saw: the history up to the checkpoint was rewritten");
        }

        return SipAuditVerification.Intact;
    }

    private static SipAuditVerification Found(SipAuditFinding finding, long? sequence, string problem)
        => new(false, sequence, problem) { Finding = finding };
}
