using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

/// <summary>
/// The argument rules of <see cref="ISipCaseStore"/>, shared by every provider so that each refuses exactly the same
/// malformed writes with the same messages.
/// </summary>
public static class SipStoreRules
{
    /// <summary>Checks a create: version 1, sequence 1, the event belongs to the case.</summary>
    /// <param name="newCase">The case.</param>
    /// <param name="openingEvent">Its opening event.</param>
    /// <exception cref="ArgumentException">A rule is broken.</exception>
    public static void ValidateCreate(SipCase newCase, SipEvent openingEvent)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        ArgumentNullException.ThrowIfNull(openingEvent);
        if (newCase.Version != 1)
        {
            throw new ArgumentException($"A new case is stored at version 1; this one has version {newCase.Version}.", nameof(newCase));
        }

        Validate(newCase, openingEvent, 1);
    }

    /// <summary>Checks an update: the case at <paramref name="expectedVersion"/> + 1, the event with that sequence.</summary>
    /// <param name="updatedCase">The case.</param>
    /// <param name="expectedVersion">The version the writer read.</param>
    /// <param name="sipEvent">The event.</param>
    /// <exception cref="ArgumentException">A rule is broken.</exception>
    public static void ValidateUpdate(SipCase updatedCase, long expectedVersion, SipEvent sipEvent)
    {
        ArgumentNullException.ThrowIfNull(updatedCase);
        ArgumentNullException.ThrowIfNull(sipEvent);
        if (expectedVersion < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedVersion), expectedVersion, "The expected version of a stored case is 1 or more.");
        }

        if (updatedCase.Version != expectedVersion + 1)
        {
            throw new ArgumentException(
                $"An update from version {expectedVersion} stores version {expectedVersion + 1}; this case has version {updatedCase.Version}.",
                nameof(updatedCase));
        }

        Validate(updatedCase, sipEvent, updatedCase.Version);
    }

    private static void Validate(SipCase sipCase, SipEvent sipEvent, long sequence)
    {
        if (sipCase.Id.Value == Guid.Empty)
        {
            throw new ArgumentException("The case has the empty id.", nameof(sipCase));
        }

        if (sipEvent.CaseId != sipCase.Id)
        {
            throw new ArgumentException($"The event is for case {sipEvent.CaseId}, not for case {sipCase.Id}.", nameof(sipEvent));
        }

        if (sipEvent.Sequence != sequence)
        {
            throw new ArgumentException($"The event must have sequence {sequence} (the case's new version); it has {sipEvent.Sequence}.", nameof(sipEvent));
        }

        // Every store must be able to keep what another accepts (PostgreSQL's jsonb, for one, refuses NUL characters), so
        // the event's text is held to the same rules as a host's input.
        Check.Text(sipEvent.EventType, nameof(SipEvent.EventType), SipLimits.NameMaxLength);
        Check.NotNull(sipEvent.Actor, nameof(SipEvent.Actor));
        foreach (var (key, value) in sipEvent.Details)
        {
            Check.Text(key, nameof(SipEvent.Details), SipLimits.NameMaxLength);
            Check.Text(value, nameof(SipEvent.Details), SipLimits.ShortTextMaxLength);
        }

        Hex(sipEvent.Hash, nameof(SipEvent.Hash), allowEmpty: false);
        Hex(sipEvent.PreviousHash, nameof(SipEvent.PreviousHash), allowEmpty: true);
        if (sipEvent.CaseHash is not null)
        {
            Hex(sipEvent.CaseHash, nameof(SipEvent.CaseHash), allowEmpty: false);
        }
    }

    private static void Hex(string? value, string paramName, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length == 0 && allowEmpty)
        {
            return;
        }

        if (value.Length != 64 || !value.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{paramName}' must be a SHA-256 hash: 64 lower-case hexadecimal digits.", paramName);
        }
    }

    /// <summary>
    /// Reads a stored case row: the document, checked to be the case the row's id column says it is. A row relabelled
    /// outside the library (its id changed, or another case's document copied in) is refused instead of being served
    /// under the wrong id.
    /// </summary>
    /// <param name="rowId">The id in the row's id column (or the id looked up).</param>
    /// <param name="document">The row's case document.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipStorageException">The document is unreadable, or belongs to another case than the row.</exception>
    public static SipCase ReadRow(SipCaseId rowId, string document)
    {
        var sipCase = SipJson.DeserializeCase(document);
        if (sipCase.Id != rowId)
        {
            throw new SipStorageException(
                $"The stored row of SIP case {rowId} holds the document of case {sipCase.Id}: it was changed outside Sip.Workflow. " +
                "Nothing was read; restore the row from a backup or the history.");
        }

        return sipCase;
    }

    /// <summary>
    /// The version protocol's answer when a conditional update changed no row ("… WHERE id = @id AND version = @expected"):
    /// a concurrency conflict naming both versions when the case exists at another version, otherwise not found. Read
    /// <paramref name="actualVersion"/> inside the same transaction, so it is the version that won.
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="expectedVersion">The version the writer read.</param>
    /// <param name="actualVersion">The version stored now, or <see langword="null"/> when there is no such case.</param>
    /// <returns>The exception to throw.</returns>
    public static SipWorkflowException NothingUpdated(SipCaseId caseId, long expectedVersion, long? actualVersion)
        => actualVersion is { } actual
            ? new SipConcurrencyException(caseId, expectedVersion, actual)
            : new SipCaseNotFoundException(caseId);
}
