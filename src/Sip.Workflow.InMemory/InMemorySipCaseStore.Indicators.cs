using Sip.Workflow.Storage;

namespace Sip.Workflow.InMemory;

// The indicator projection, under the store's one lock: a step is applied whole or not at all.
public sealed partial class InMemorySipCaseStore : ISipIndicatorStore
{
    private readonly Dictionary<SipCaseId, SipIndicatorCaseRow> _indicatorCases = [];
    private readonly Dictionary<(SipYearMonth Month, string Metric, long Value, SipIndicatorDimensions Dimensions), long> _indicatorCells = [];
    private long _indicatorPosition;

    /// <inheritdoc />
    public Task<long> GetIndicatorPositionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_indicatorPosition);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipIndicatorCaseRow>> GetIndicatorCasesAsync(IReadOnlyCollection<SipCaseId> caseIds, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateIndicatorCases(caseIds);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<SipIndicatorCaseRow> rows = [.. caseIds.Distinct().Select(id => _indicatorCases.GetValueOrDefault(id)).OfType<SipIndicatorCaseRow>()];
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public Task<bool> SaveIndicatorsAsync(SipIndicatorChange change, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateIndicatorChange(change);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_indicatorPosition != change.ExpectedPosition)
            {
                return Task.FromResult(false);
            }

            foreach (var row in change.Upserts)
            {
                _indicatorCases[row.CaseId] = row;
            }

            foreach (var id in change.Removals)
            {
                _indicatorCases.Remove(id);
            }

            foreach (var cell in change.CellDeltas)
            {
                var key = (cell.Month, cell.Metric, cell.Value, cell.Dimensions);
                var sum = _indicatorCells.GetValueOrDefault(key) + cell.Count;
                if (sum == 0)
                {
                    _indicatorCells.Remove(key);
                }
                else
                {
                    _indicatorCells[key] = sum;
                }
            }

            _indicatorPosition = change.Position;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipIndicatorCell>> ReadIndicatorCellsAsync(SipYearMonth first, SipYearMonth last, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateIndicatorMonths(first, last);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<SipIndicatorCell> cells = [.. _indicatorCells.Where(c => c.Key.Month >= first && c.Key.Month <= last)
                .Select(c => new SipIndicatorCell(c.Key.Month, c.Key.Metric, c.Key.Value, c.Key.Dimensions, c.Value))];
            return Task.FromResult(cells);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipIndicatorDueCount>> CountIndicatorDeadlinesAsync(DateTimeOffset dueAtOrBefore, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<SipIndicatorDueCount> counts = [.. _indicatorCases.Values
                .SelectMany(r => r.Deadlines.Where(d => d.DueAt <= dueAtOrBefore).Select(d => (d.Code, r.Dimensions)))
                .GroupBy(d => d)
                .Select(g => new SipIndicatorDueCount(g.Key.Code, g.Key.Dimensions, g.LongCount()))];
            return Task.FromResult(counts);
        }
    }

    /// <inheritdoc />
    public Task ResetIndicatorsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _indicatorCases.Clear();
            _indicatorCells.Clear();
            _indicatorPosition = 0;
        }

        return Task.CompletedTask;
    }
}
