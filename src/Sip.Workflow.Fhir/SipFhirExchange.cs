using System.Text;
using Hl7.Fhir.Model;
using Sip.Workflow.Exchange;

namespace Sip.Workflow.Fhir;

/// <summary>
/// The FHIR R4 form of an exchange message between the two principals' systems: a <see cref="Bundle"/> of type
/// <c>message</c> whose <see cref="MessageHeader"/> names the event, the sending system and unit and the receiving unit,
/// followed by resources a FHIR system reads (an <see cref="Appointment"/> for a summons, an
/// <see cref="AppointmentResponse"/> for an answer, a <see cref="CarePlan"/> for a plan revision or the closing, an inactive
/// <see cref="Hl7.Fhir.Model.Consent"/> for a withdrawal), and the
/// message's JSON form (<see cref="SipExchangeJson"/>) as a <see cref="Binary"/>.
/// </summary>
/// <remarks>
/// <para>The <see cref="Binary"/> is what <see cref="FromBundle"/> applies: it is the contract, whole. The resources render
/// it for FHIR readers and carry no more than it does; <see cref="FromBundle"/> refuses a bundle whose header and payload
/// disagree (another message id or event), so neither can be swapped on the way.</para>
/// <para>A protected identity puts the restricted confidentiality label (v3-Confidentiality <c>R</c>) on every resource
/// and leaves the meeting's place out of the rendering, as <see cref="SipFhirExporter"/> does.</para>
/// </remarks>
/// <param name="options">The local code systems and the organisation identifier system; the defaults unless given.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class SipFhirExchange(SipFhirExportOptions? options = null)
{
    private const string ConfidentialitySystem = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    private readonly SipFhirExportOptions _options = options ?? new SipFhirExportOptions();

    /// <summary>The code of each message kind in the <c>{LocalCodeSystemBase}:exchange-event</c> code system.</summary>
    /// <param name="kind">The message kind.</param>
    /// <returns><c>sip-summons</c>, <c>sip-summons-answer</c>, <c>sip-plan-revision</c>, <c>sip-closing</c> or <c>sip-consent-withdrawal</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static string EventCode(SipExchangeMessageKind kind) => kind switch
    {
        SipExchangeMessageKind.Summons => "sip-summons",
        SipExchangeMessageKind.SummonsAnswer => "sip-summons-answer",
        SipExchangeMessageKind.PlanRevision => "sip-plan-revision",
        SipExchangeMessageKind.Closing => "sip-closing",
        SipExchangeMessageKind.ConsentWithdrawal => "sip-consent-withdrawal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"'{nameof(kind)}' is not a defined {nameof(SipExchangeMessageKind)}."),
    };

    /// <summary>Writes a message in its FHIR form.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The message bundle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The message does not carry exactly the payload its kind names.</exception>
    public Bundle ToBundle(SipExchangeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var json = SipExchangeJson.Serialize(message);
        var payloadUrl = Url(message, "payload");
        var rendered = Render(message).ToList();
        var header = new MessageHeader
        {
            Event = new Coding($"{_options.LocalCodeSystemBase}:exchange-event", EventCode(message.Kind)),
            Source = new MessageHeader.MessageSourceComponent { Name = message.From.System, Endpoint = $"urn:sip-system:{Uri.EscapeDataString(message.From.System)}" },
            Sender = Organisation(message.From.Organisation),
            Destination =
            [
                new MessageHeader.MessageDestinationComponent
                {
                    Endpoint = $"urn:sip-unit:{Uri.EscapeDataString(message.To.Identifier ?? message.To.Name)}",
                    Receiver = Organisation(message.To),
                },
            ],
            Focus = [.. rendered.Select(r => new ResourceReference(r.Url)), new ResourceReference(payloadUrl)],
        };

        var bundle = new Bundle
        {
            Id = message.MessageId.ToString("D"),
            Type = Bundle.BundleType.Message,
            Timestamp = message.SentAt,
            Identifier = new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{message.MessageId:D}"),
        };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Url(message, "header"), Resource = header });
        foreach (var (url, resource) in rendered)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = resource });
        }

        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = payloadUrl,
            Resource = new Binary { ContentType = SipExchangeJson.MediaType, Data = Encoding.UTF8.GetBytes(json) },
        });

        if (message.ProtectedIdentity || message.Summons?.Individual.HasProtectedIdentity == true)
        {
            foreach (var entry in bundle.Entry)
            {
                entry.Resource!.Meta = new Meta { Security = [new Coding(ConfidentialitySystem, "R", "restricted")] };
            }
        }

        return bundle;
    }

    /// <summary>Reads a message from its FHIR form: the payload, checked as host input, that the header agrees with.</summary>
    /// <param name="bundle">The message bundle.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bundle"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipExchangeRefusedException">
    /// The bundle is not a SIP exchange message (not a message bundle, no header, no payload), its payload is refused as by
    /// <see cref="SipExchangeJson.Deserialize"/>, or the header and the payload disagree (<see cref="SipExchangeRefusal.Malformed"/>).
    /// </exception>
    public SipExchangeMessage FromBundle(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.Type != Bundle.BundleType.Message || bundle.Entry.FirstOrDefault()?.Resource is not MessageHeader header)
        {
            throw new SipExchangeRefusedException(SipExchangeRefusal.Malformed, "The bundle is not a FHIR message: its type is not 'message' or its first entry is not a MessageHeader.");
        }

        var payloads = bundle.Entry.Select(e => e.Resource).OfType<Binary>().Where(b => b.ContentType == SipExchangeJson.MediaType).ToList();
        if (payloads.Count != 1 || payloads[0].Data is not { Length: > 0 } data)
        {
            throw new SipExchangeRefusedException(SipExchangeRefusal.Malformed,
                $"The message bundle carries {payloads.Count} SIP exchange payloads (Binary of {SipExchangeJson.MediaType}); it must carry exactly one.");
        }

        var message = SipExchangeJson.Deserialize(Encoding.UTF8.GetString(data));
        if (!string.Equals(bundle.Id, message.MessageId.ToString("D"), StringComparison.OrdinalIgnoreCase)
            || header.Event is not Coding coding || coding.Code != EventCode(message.Kind) || coding.System != $"{_options.LocalCodeSystemBase}:exchange-event"
            || !string.Equals(header.Source?.Name, message.From.System, StringComparison.Ordinal)
            || !Names(header.Sender, message.From.Organisation)
            || header.Destination.Count != 1 || !Names(header.Destination[0].Receiver, message.To))
        {
            throw new SipExchangeRefusedException(SipExchangeRefusal.Malformed,
                $"The message bundle's header and its payload disagree (message id, event, sending system, sender or receiver); message {message.MessageId} is not applied.")
            {
                MessageId = message.MessageId,
            };
        }

        return message;
    }

    private IEnumerable<(string Url, Resource Resource)> Render(SipExchangeMessage message)
    {
        var caseIdentifier = new Identifier($"{_options.LocalCodeSystemBase}:case:{Uri.EscapeDataString(message.From.System)}", message.From.CaseId);
        switch (message.Kind)
        {
            case SipExchangeMessageKind.Summons:
                var summons = message.Summons!;
                var meeting = summons.Meeting;
                var appointment = new Appointment
                {
                    Identifier = [new Identifier($"{_options.LocalCodeSystemBase}:meeting", meeting.Id.ToString())],
                    Status = Appointment.AppointmentStatus.Booked,
                    Start = meeting.StartsAt,
                    End = meeting.StartsAt + meeting.Duration,
                    Description = meeting.PurposeText,
                    Comment = message.ProtectedIdentity || summons.Individual.HasProtectedIdentity ? null : meeting.Place,
                    BasedOn = [new ResourceReference { Identifier = caseIdentifier }],
                };
                foreach (var p in summons.Participants)
                {
                    appointment.Participant.Add(new Appointment.ParticipantComponent
                    {
                        Actor = Organisation(p.Organisation),
                        Required = p.Role == ParticipationRole.Called ? Appointment.ParticipantRequired.Required : Appointment.ParticipantRequired.Optional,
                        Status = ParticipationStatus.NeedsAction,
                    });
                }

                yield return (Url(message, "appointment"), appointment);
                break;
            case SipExchangeMessageKind.SummonsAnswer:
                var answer = message.Answer!;
                yield return (Url(message, "appointment-response"), new AppointmentResponse
                {
                    Appointment = new ResourceReference { Identifier = new Identifier($"{_options.LocalCodeSystemBase}:meeting", answer.MeetingId.ToString()) },
                    Actor = Organisation(message.From.Organisation),
                    ParticipantStatus = answer.Answer switch
                    {
                        SummonsAnswer.Accepted or SummonsAnswer.SubstituteNamed => ParticipationStatus.Accepted,
                        _ => ParticipationStatus.Declined,
                    },
                    Comment = answer.Reason,
                });
                break;
            case SipExchangeMessageKind.PlanRevision:
                var plan = message.PlanRevision!.Plan;
                yield return (Url(message, "careplan"), new CarePlan
                {
                    Identifier = [caseIdentifier, new Identifier($"{_options.LocalCodeSystemBase}:plan-revision", plan.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                    Status = RequestStatus.Active,
                    Intent = CarePlan.CarePlanIntent.Plan,
                    Category = [new CodeableConcept($"{_options.LocalCodeSystemBase}:careplan-category", "SIP", "Samordnad individuell plan")],
                    Description = plan.WhatMattersToIndividual,
                    Subject = new ResourceReference { Display = "SIP" },
                    Activity = [.. plan.Interventions.Select(i => new CarePlan.ActivityComponent
                    {
                        Detail = new CarePlan.DetailComponent { Status = CarePlan.CarePlanActivityStatus.Scheduled, Description = i.What },
                    })],
                });
                break;
            case SipExchangeMessageKind.ConsentWithdrawal:
                var withdrawal = message.ConsentWithdrawal!;
                yield return (Url(message, "consent"), new Hl7.Fhir.Model.Consent
                {
                    Status = Hl7.Fhir.Model.Consent.ConsentState.Inactive,
                    Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
                    Category = [new CodeableConcept($"{_options.LocalCodeSystemBase}:consent-category", "SIP-withdrawal", "Återkallat samtycke")],
                    DateTime = withdrawal.WithdrawnAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
                    Organization = [Organisation(message.From.Organisation)],
                });
                break;
            default:
                var closing = message.Closing!;
                yield return (Url(message, "careplan"), new CarePlan
                {
                    Identifier = [caseIdentifier],
                    Status = SipFhirExporter.StatusOf(SipState.Closed, new Closure { Reason = closing.Reason, ClosedAt = message.SentAt }),
                    Intent = CarePlan.CarePlanIntent.Plan,
                    Category = [new CodeableConcept($"{_options.LocalCodeSystemBase}:careplan-category", "SIP", "Samordnad individuell plan")],
                    Subject = new ResourceReference { Display = "SIP" },
                    Note = closing.Note is { } note ? [new Annotation { Text = new Markdown(note) }] : [],
                });
                break;
        }
    }

    // Whether a header's reference names the unit as ToBundle writes it: the same identifier (when the unit has one) and name.
    private bool Names(ResourceReference? reference, OrganisationReference unit)
        => reference is not null && reference.Display == unit.Name
            && (unit.Identifier is null
                ? reference.Identifier is null
                : reference.Identifier?.System == _options.OrganisationIdentifierSystem && reference.Identifier.Value == unit.Identifier);

    private ResourceReference Organisation(OrganisationReference unit) => new()
    {
        Display = unit.Name,
        Identifier = unit.Identifier is { } id ? new Identifier(_options.OrganisationIdentifierSystem, id) : null,
    };

    // Entries reference each other by urn:uuid: full URLs, derived from the message id so the same message gives the same bundle.
    private static string Url(SipExchangeMessage message, string part) => $"urn:uuid:{SipFhirExporter.NameBasedId($"{message.MessageId:D}/{part}"):D}";
}
