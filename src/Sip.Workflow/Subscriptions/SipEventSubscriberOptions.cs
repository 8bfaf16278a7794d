namespace Sip.Workflow;

/// <summary>How a hosted event-feed subscriber reads (<see cref="SipEventSubscriberServiceCollectionExtensions.AddSipEventSubscriber{TSubscriber}"/>).</summary>
public sealed class SipEventSubscriberOptions
{
    /// <summary>How many entries are read at a time; the position is saved after each batch. 1 to 1,000; 100 unless set.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long to wait before looking again once caught up, and between tries to take the subscriber from
    /// another node. 10 milliseconds to 5 minutes, and at most a third of <see cref="LeaseDuration"/>; 1 second unless set.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the subscriber's lease lasts without a save, where the store needs one (SQLite): a process that
    /// stops without letting go is taken over after this long. 1 second to 1 hour; 30 seconds unless set.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait after failures in a row (the wait doubles from <see cref="PollInterval"/> up to this).
    /// At least <see cref="PollInterval"/>, at most 1 hour; 1 minute unless set.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every problem with the options, empty when they are valid.</summary>
    /// <returns>One sentence per problem, naming the option and what it allows.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BatchSize is < 1 or > 1000)
        {
            problems.Add($"{nameof(BatchSize)} is {BatchSize}; it must be 1 to 1000.");
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{nameof(PollInterval)} is {PollInterval}; it must be 10 milliseconds to 5 minutes.");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration > TimeSpan.FromHours(1))
        {
            problems.Add($"{nameof(LeaseDuration)} is {LeaseDuration}; it must be 1 second to 1 hour.");
        }

        if (PollInterval > LeaseDuration / 3)
        {
            problems.Add($"{nameof(PollInterval)} is {PollInterval}; it must be at most a third of {nameof(LeaseDuration)} ({LeaseDuration}), so an idle reader renews its lease in time.");
        }

        if (MaxBackoff < PollInterval || MaxBackoff > TimeSpan.FromHours(1))
        {
            problems.Add($"{nameof(MaxBackoff)} is {MaxBackoff}; it must be at least {nameof(PollInterval)} and at most 1 hour.");
        }

        return problems;
    }
}
