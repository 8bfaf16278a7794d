using System.Globalization;
using System.Text;

namespace Sip.Workflow;

/// <summary>
/// One source a requirement rests on: a provision of a statute (law, SFS number, chapter, section, paragraph part) or a
/// guidance document, with the period it is in force. A refusal, a due-work item and the requirements table cite the
/// references in force on the date of the event, never a repealed one.
/// </summary>
/// <remarks>
/// Dates are Swedish calendar dates: a provision in force "from 1 July 2025" is in force from midnight Swedish time
/// (<see cref="SipLegalReferences.SwedishDateOf"/> turns an instant into that date).
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipLegalReference
{
    /// <summary>Law, national guidance, sector guidance or a regional agreement.</summary>
    public required RequirementSource Kind { get; init; }

    /// <summary>The statute's or document's name, e.g. <c>hälso- och sjukvårdslagen</c> or <c>Riktlinje SIP, Västra Götaland</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The SFS number of a statute, e.g. <c>2017:30</c>; <see langword="null"/> for guidance.</summary>
    public string? Sfs { get; init; }

    /// <summary>
    /// For a statute cited as <i>lagen (SFS) om …</i>, the part of its name after the number, e.g. <c>om samverkan vid
    /// utskrivning från sluten hälso- och sjukvård</c>; <see langword="null"/> otherwise.
    /// </summary>
    public string? TitleAfterSfs { get; init; }

    /// <summary>The established short form, e.g. <c>HSL</c>; <see langword="null"/> when there is none.</summary>
    public string? ShortTitle { get; init; }

    /// <summary>The chapter (<i>kapitel</i>), or <see langword="null"/> for a statute without chapters or for guidance.</summary>
    public int? Chapter { get; init; }

    /// <summary>The section (<i>paragraf</i>), e.g. <c>4</c> or <c>13 a</c>; <see langword="null"/> when the whole act or document is cited.</summary>
    public string? Section { get; init; }

    /// <summary>The part of the section (<i>stycke</i>), e.g. <c>andra stycket</c>; <see langword="null"/> for the whole section.</summary>
    public string? Part { get; init; }

    /// <summary>For guidance, the part of the document cited (e.g. <c>Kalla/bjud in</c>); <see langword="null"/> otherwise.</summary>
    public string? Detail { get; init; }

    /// <summary>The first day it is in force, or <see langword="null"/> when it was in force before the library's earliest date.</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>The last day it is in force, or <see langword="null"/> while it is in force.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>What a reader should know about the citation, e.g. that a section could not be confirmed in the statute text.</summary>
    public string? Note { get; init; }

    /// <summary>Whether it is in force on <paramref name="date"/> (a Swedish calendar date).</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> from <see cref="ValidFrom"/> through <see cref="ValidTo"/>.</returns>
    public bool IsInForceOn(DateOnly date) => (ValidFrom is not { } from || date >= from) && (ValidTo is not { } to || date <= to);

    /// <summary>
    /// The citation as a caseworker reads it: <c>16 kap. 4 § hälso- och sjukvårdslagen (2017:30)</c>,
    /// <c>6 kap. 13 § andra stycket föräldrabalken</c>, or <c>Riktlinje SIP, Västra Götaland: Kalla/bjud in</c>.
    /// </summary>
    public string Citation
    {
        get
        {
            var text = new StringBuilder();
            if (Chapter is { } chapter)
            {
                text.Append(chapter.ToString(CultureInfo.InvariantCulture)).Append(" kap. ");
            }

            if (Section is { } section)
            {
                text.Append(section).Append(" § ");
            }

            if (Part is { } part)
            {
                text.Append(part).Append(' ');
            }

            text.Append(Title);
            if (Sfs is { } sfs)
            {
                text.Append(" (").Append(sfs).Append(')');
            }

            if (TitleAfterSfs is { } after)
            {
                text.Append(' ').Append(after);
            }

            if (Detail is { } detail)
            {
                text.Append(": ").Append(detail);
            }

            return text.ToString();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Citation;
}
