using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>Who reads, what for, and why: the access rules decide on it and the access log records it.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipReader
{
    /// <summary>The reading actor.</summary>
    public required SipActor Actor
    {
        get;
        init => field = Check.NotNull(value, nameof(Actor));
    }

    /// <summary>
    /// What the case is read for: <see cref="SipAccessAction.ReadCase"/> unless given; <see cref="SipAccessAction.ReadDocument"/>
    /// or <see cref="SipAccessAction.Export"/> when the host reads it to make a document or an export. Ignored by the reads of
    /// history and lists, which log their own action.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not one of the read actions.</exception>
    public SipAccessAction Purpose
    {
        get;
        init => field = value is SipAccessAction.ReadCase or SipAccessAction.ReadDocument or SipAccessAction.Export
            ? value
            : throw new ArgumentException(
                $"'{nameof(Purpose)}' is {value}; allowed: {nameof(SipAccessAction.ReadCase)}, {nameof(SipAccessAction.ReadDocument)}, {nameof(SipAccessAction.Export)}.",
                nameof(Purpose));
    } = SipAccessAction.ReadCase;

    /// <summary>
    /// The host's why-code (e.g. "vård", "uppföljning", "support-ärende 4711"), if it gives one: kept in the access log for the
    /// log review. Codes only, never personal data. The default rules require one for an administrator's read.
    /// </summary>
    public string? Reason
    {
        get;
        init => field = Check.OptionalText(value, nameof(Reason), SipLimits.NameMaxLength);
    }

    /// <summary>Shows the purpose only: the actor and the why-code stay out of logs.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipReader ({Purpose})";

    /// <summary>A reader for <paramref name="actor"/>.</summary>
    /// <param name="actor">The actor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is <see langword="null"/>.</exception>
    public static implicit operator SipReader(SipActor actor) => new() { Actor = actor ?? throw new ArgumentNullException(nameof(actor)) };

    /// <summary>A reader for <paramref name="actor"/>.</summary>
    /// <param name="actor">The actor.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is <see langword="null"/>.</exception>
    public static SipReader FromSipActor(SipActor actor) => actor;
}
