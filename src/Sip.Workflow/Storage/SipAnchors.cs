using System.Text.Json.Serialization;

namespace Sip.Workflow.Storage;

/// <summary>
/// What is left of a case after gallring: which case, when and by whom it was purged, under which rule, and the head of
/// its history at that moment — so that store-wide verification and a checkpoint taken before still account for the
/// case. Sealed like an event (<see cref="SipAuditChain.ComputeTombstoneHash"/>).
/// </summary>
/// <remarks>Holds no personal data beyond the purging actor; the individual, the plan and the history are gone.</remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipTombstone
{
    /// <summary>The purged case.</summary>
    public required SipCaseId CaseId { get; init; }

    /// <summary>When it was purged (the engine's clock).</summary>
    public required DateTimeOffset PurgedAt { get; init; }

    /// <summary>Who purged it.</summary>
    public required SipActor Actor { get; init; }

    /// <summary>The kind of record the rule was for.</summary>
    public required SipRecordKind RecordKind { get; init; }

    /// <summary>The years after the last entry the rule kept the record.</summary>
    public required int RetentionYears { get; init; }

    /// <summary>The provision the purge rests on, as cited (e.g. "16 kap. 1 § SoL").</summary>
    public required string LegalBasis { get; init; }

    /// <summary>The Swedish calendar day of the last entry in the individual's record, as the host stated it.</summary>
    public required DateOnly LastEntry { get; init; }

    /// <summary>The case's version (its number of events) when it was purged.</summary>
    public required long LastVersion { get; init; }

    /// <summary>The hash of the case's newest event when it was purged.</summary>
    public required string LastHeadHash { get; init; }

    /// <summary>The audit key the tombstone is sealed with, or <see langword="null"/> for plain SHA-256.</summary>
    public string? AuditKeyId { get; init; }

    /// <summary>The seal over every field above (<see cref="SipAuditChain.ComputeTombstoneHash"/>).</summary>
    public required string Hash { get; init; }
}

/// <summary>
/// A case's history head at one moment, sealed (<see cref="SipAuditChain.ComputeCheckpointHash"/>), for the host to keep
/// outside the database: verifying the case against it later finds a case set back to an earlier version, a history
/// rewritten before that moment, and a case that is gone without a tombstone.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipCaseCheckpoint
{
    /// <summary>The case.</summary>
    public required SipCaseId CaseId { get; init; }

    /// <summary>Its version then.</summary>
    public required long Version { get; init; }

    /// <summary>The hash of its newest event then.</summary>
    public required string HeadHash { get; init; }

    /// <summary>When the checkpoint was taken.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>The audit key the checkpoint is sealed with, or <see langword="null"/>.</summary>
    public string? AuditKeyId { get; init; }

    /// <summary>The seal over every field above.</summary>
    public required string Hash { get; init; }
}

/// <summary>One case in a <see cref="SipStoreCheckpoint"/>: its version and head, or its tombstone's.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">Its version (for a purged case, the version it was purged at).</param>
/// <param name="HeadHash">The hash of its newest event (for a purged case, the tombstone's last head).</param>
/// <param name="Purged">Whether the case had been purged, leaving a tombstone.</param>
public sealed record SipCaseAnchor(SipCaseId CaseId, long Version, string HeadHash, bool Purged);

/// <summary>
/// The whole store at one moment, for the host to keep outside the database: every case's version and head and every
/// tombstone, in case-id order, with <see cref="Head"/> — one hash over them all — sealed. Verifying the store against
/// it later (<see cref="ISipWorkflow.VerifyStoreAsync"/>) finds a case deleted, set back or rewritten since.
/// </summary>
/// <remarks>About 100 bytes per case in JSON (<see cref="SipJson.SerializeStoreCheckpoint"/>); a million cases make a file of
/// some 100 MB. Keep it where the database's administrators cannot write (another system, write-once storage).</remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipStoreCheckpoint
{
    /// <summary>When it was taken.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>Every case and tombstone, by case id.</summary>
    public required IReadOnlyList<SipCaseAnchor> Anchors
    {
        get;
        // A frozen copy with value equality, so that the value equals its copy read back from JSON.
        init => field = Internal.SipList<SipCaseAnchor>.Of(value);
    }

    /// <summary>One hash over every anchor, in order: the store's head at <see cref="TakenAt"/>.</summary>
    public required string Head { get; init; }

    /// <summary>The audit key the checkpoint is sealed with, or <see langword="null"/>.</summary>
    public string? AuditKeyId { get; init; }

    /// <summary>The seal over <see cref="TakenAt"/>, <see cref="Head"/> and the key id.</summary>
    public required string Hash { get; init; }
}

/// <summary>What store-wide verification found wrong with one case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipAuditFinding>))]
public enum SipAuditFinding
{
    /// <summary>Nothing wrong.</summary>
    [JsonStringEnumMemberName("None")]
    None = 0,

    /// <summary>The case's history chain or its document does not verify.</summary>
    [JsonStringEnumMemberName("Broken")]
    Broken = 1,

    /// <summary>The case's row disagrees with its document (an indexed column, the id), or the row cannot be read.</summary>
    [JsonStringEnumMemberName("RowMismatch")]
    RowMismatch = 2,

    /// <summary>The case is at an earlier version than a checkpoint saw, or was purged at an earlier one.</summary>
    [JsonStringEnumMemberName("RolledBack")]
    RolledBack = 3,

    /// <summary>A checkpoint knew the case, and it is gone without a tombstone.</summary>
    [JsonStringEnumMemberName("Missing")]
    Missing = 4,

    /// <summary>A tombstone's seal does not match its content, or a purged case is back.</summary>
    [JsonStringEnumMemberName("TombstoneNotValid")]
    TombstoneNotValid = 5,

    /// <summary>The checkpoint itself does not match its seal: it was changed, or was sealed with a key not given.</summary>
    [JsonStringEnumMemberName("CheckpointNotValid")]
    CheckpointNotValid = 6,

    /// <summary>
    /// The access keys the store keeps for the case differ from those its document derives (<see cref="SipCaseAccessKeys"/>):
    /// changed outside the library, so lists may leave the case out for readers who may see it. Rebuild them (the SQL stores'
    /// <c>RebuildAccessKeysAsync</c>) after finding out how.
    /// </summary>
    [JsonStringEnumMemberName("AccessKeysStale")]
    AccessKeysStale = 7,
}

/// <summary>One problem store-wide verification found.</summary>
/// <param name="CaseId">The case, or <see langword="null"/> for a problem with the checkpoint as a whole.</param>
/// <param name="Finding">What kind of problem.</param>
/// <param name="Description">What is wrong, in words; never personal data.</param>
public sealed record SipStoreProblem(SipCaseId? CaseId, SipAuditFinding Finding, string Description);

/// <summary>The outcome of verifying the whole store (<see cref="ISipWorkflow.VerifyStoreAsync"/>).</summary>
/// <param name="Problems">Every problem found; empty when the store is intact.</param>
/// <param name="CasesVerified">How many cases were read and verified.</param>
/// <param name="TombstonesVerified">How many tombstones were verified.</param>
/// <param name="Checkpoint">The store as it is now, to keep outside the database for the next verification.</param>
public sealed record SipStoreVerification(IReadOnlyList<SipStoreProblem> Problems, long CasesVerified, long TombstonesVerified, SipStoreCheckpoint Checkpoint)
{
    /// <summary>Every problem found; empty when the store is intact.</summary>
    public IReadOnlyList<SipStoreProblem> Problems
    {
        get;
        // A frozen copy with value equality, so that the value equals its copy read back from JSON.
        init => field = Internal.SipList<SipStoreProblem>.Of(value);
    } = Internal.SipList<SipStoreProblem>.Of(Problems);

    /// <summary>Whether nothing was found wrong.</summary>
    public bool IsIntact => Problems.Count == 0;
}
