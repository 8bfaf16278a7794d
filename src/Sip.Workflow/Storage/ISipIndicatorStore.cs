namespace Sip.Workflow.Storage;

/// <summary>
/// A store that keeps the indicator projection (<see cref="SipIndicators"/>): for each case still held, what it adds to
/// the statistics and its open deadlines; the sums by month and dimension; and the feed position the projection has
/// read to. The three stores of this library implement it.
/// </summary>
/// <remarks>
/// The projection holds no personal data: a case row holds the case id, the four dimensions (principal, unit, policy,
/// origin), month-and-metric contributions and deadline codes with their due instants. A purged case's row goes
/// (<see cref="SipIndicatorChange.Removals"/>); the sums it added stay, as aggregate counts.
/// </remarks>
public interface ISipIndicatorStore
{
    /// <summary>The last feed position the projection has taken in; 0 when it is empty.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The position.</returns>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    Task<long> GetIndicatorPositionAsync(CancellationToken cancellationToken = default);

    /// <summary>The rows of those of <paramref name="caseIds"/> the projection holds; the others are left out.</summary>
    /// <param name="caseIds">The cases, at most 1,000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows, in no particular order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="caseIds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="caseIds"/> holds more than 1,000 ids.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    Task<IReadOnlyList<SipIndicatorCaseRow>> GetIndicatorCasesAsync(IReadOnlyCollection<SipCaseId> caseIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies one step of the projection at once: the rows written and removed, the changes to the sums, and the new
    /// position; only when the position is still <see cref="SipIndicatorChange.ExpectedPosition"/>.
    /// </summary>
    /// <param name="change">The step.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when applied; <see langword="false"/>, changing nothing, when another reader moved
    /// the position first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The change is not valid (<see cref="SipIndicatorChange.Validate"/>); the message names the problem.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    Task<bool> SaveIndicatorsAsync(SipIndicatorChange change, CancellationToken cancellationToken = default);

    /// <summary>The sums of the months <paramref name="first"/> to <paramref name="last"/>, every dimension; no zero sums.</summary>
    /// <param name="first">The first month.</param>
    /// <param name="last">The last month, not before <paramref name="first"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cells, in no particular order.</returns>
    /// <exception cref="ArgumentException"><paramref name="last"/> is before <paramref name="first"/>.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    Task<IReadOnlyList<SipIndicatorCell>> ReadIndicatorCellsAsync(SipYearMonth first, SipYearMonth last, CancellationToken cancellationToken = default);

    /// <summary>How many of the cases held have each open deadline due at or before <paramref name="dueAtOrBefore"/>, by deadline code and dimensions.</summary>
    /// <param name="dueAtOrBefore">The instant; usually now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts, in no particular order; no zero counts.</returns>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    Task<IReadOnlyList<SipIndicatorDueCount>> CountIndicatorDeadlinesAsync(DateTimeOffset dueAtOrBefore, CancellationToken cancellationToken = default);

    /// <summary>Empties the projection: rows, sums and position, so that it is rebuilt from the start of the feed.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is empty.</returns>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    Task ResetIndicatorsAsync(CancellationToken cancellationToken = default);
}
