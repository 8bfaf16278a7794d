using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Records a deviation (<i>avvikelse</i>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordDeviation : SipCaseCommand
{
    /// <summary>The deviation; the engine stamps when it was recorded.</summary>
    public required Deviation Deviation
    {
        get;
        init => field = Check.NotNull(value, nameof(Deviation));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordDeviation;

    internal override string EventType => SipEventTypes.DeviationRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        if (Deviation.ParticipantId is { } participantId)
        {
            Participant(current, participantId, nameof(Deviation.ParticipantId));
        }

        if (current.Deviations.Any(d => d.Id == Deviation.Id))
        {
            throw new ArgumentException($"Deviation {Deviation.Id} is already recorded.", $"{nameof(Deviation)}.{nameof(Workflow.Deviation.Id)}");
        }

        var deviation = Deviation with { RecordedAt = context.Now };
        return new SipApplied(current with { Deviations = [.. current.Deviations, deviation] },
            Details(("deviationId", deviation.Id.ToString()), ("kind", deviation.Kind.ToString())));
    }
}
