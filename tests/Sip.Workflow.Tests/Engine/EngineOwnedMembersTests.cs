using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Sip.Workflow.Tests.Domain;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>
/// Mass assignment: a member the engine owns has a setter a host cannot call in C#, yet JSON can set it (it is
/// <c>[JsonInclude]</c> so that a stored case reads back), so a command read from an HTTP body may arrive with it set.
/// For every command and every such member reachable from it — found by reflection, so a new one cannot be forgotten — a
/// command arriving with the member set is either refused naming the member and saving nothing, or applied with the
/// engine's value in its place: the stored case never shows the sender's.
/// </summary>
public sealed class EngineOwnedMembersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;

    private static readonly Type[] Commands =
    [
        .. typeof(SipCommand).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(SipCommand)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal),
    ];

    /// <summary>Engine-owned members no command carries, each with the reason; every other one must be reached from a command.</summary>
    private static readonly Dictionary<string, string> NotCarried = new(StringComparer.Ordinal)
    {
        [$"{nameof(ReadyForDischargeNotice)}.{nameof(ReadyForDischargeNotice.RevokedAt)}"] =
            "no command carries a notice: RevokeReadyForDischarge takes a time of its own and the engine writes it into the stay",
        [$"{nameof(PlanApproval)}.{nameof(PlanApproval.ApprovedAt)}"] =
            "no command carries an approval: ApprovePlanForIndividual names the revision and the engine writes the approval",
        [$"{nameof(SipCase)}.{nameof(SipCase.OpenedBy)}"] =
            "no command carries a case: OpenCase's own Actor is who opened it, and the engine writes it",
    };

    public static TheoryData<string, string> Members()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Commands)
        {
            foreach (var (path, _) in EngineOwnedPaths(command))
            {
                data.Add(command.Name, path);
            }
        }

        return data;
    }

    [Fact]
    public void Every_member_the_engine_owns_is_reached_from_a_command_or_said_why_not()
    {
        var declared = typeof(SipCase).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.GetMethod is { IsPublic: true } && p.SetMethod is { IsPublic: false } && p.IsDefined(typeof(System.Text.Json.Serialization.JsonIncludeAttribute)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToHashSet(StringComparer.Ordinal);
        var reached = Commands.SelectMany(EngineOwnedPaths).Select(m => $"{m.Member.DeclaringType!.Name}.{m.Member.Name}").ToHashSet(StringComparer.Ordinal);

        declared.Should().HaveCountGreaterThan(15, "the walk must see the engine's members at all");
        declared.Except(reached).Should().BeEquivalentTo(NotCarried.Keys,
            "a member the engine owns that no command reaches is listed in NotCarried with the reason; one a command reaches is tested below");
        reached.Should().BeSubsetOf(declared, "every member JSON can set but a host cannot is [JsonInclude] with a non-public setter");
    }

    [Theory]
    [MemberData(nameof(Members))]
    public async Task A_command_from_JSON_never_stores_the_senders_value_of_a_member_the_engine_owns(string commandName, string path)
    {
        var commandType = Commands.Single(t => t.Name == commandName);
        var member = EngineOwnedPaths(commandType).Single(m => m.Path == path).Member;
        Arrangements.TryGetValue(commandType, out var arrangement).Should().BeTrue(
            $"{commandName} reaches {path}, which the engine owns; add to {nameof(Arrangements)} how to build a valid {commandName} on a case in the right state");
        var segments = path.Split('.');
        segments[0].Should().Be(arrangement!.Root, $"{nameof(Arrangements)} knows where {commandName}.{arrangement.Root} is stored, not {segments[0]}");

        // The engine's own value: the same command with the member left at its default, on a case in the same state at the same time.
        var baseline = new SipScenario();
        var plain = await arrangement.ArrangeAsync(baseline);
        var engines = Json(Read(arrangement.Stored((await baseline.Workflow.ExecuteAsync(plain, Ct)).Case, plain), segments[1..]), member.PropertyType);

        var s = new SipScenario();
        var valid = await arrangement.ArrangeAsync(s);
        var sent = SenderValue(member.PropertyType, engines, path);
        var command = WithMemberSetByJson(valid, segments, sent);
        Json(Read(command, segments), member.PropertyType).Should().Be(sent, $"the JSON body sets {path}");

        var caseId = command is SipCaseCommand onCase ? onCase.CaseId : ((OpenCase)command).CaseId;
        var before = await s.Store.GetAsync(caseId, Ct);
        var historyBefore = before is null ? 0 : (await s.Store.GetHistoryAsync(caseId, Ct)).Count;
        SipCommandResult result;
        try
        {
            result = await s.Workflow.ExecuteAsync(command, Ct);
        }
        catch (ArgumentException refused)
        {
            refused.ParamName.Should().Be(path, "the refusal names the member");
            refused.Message.Should().Contain("set by the engine", "the refusal says why the member may not be sent");
            (await s.Store.GetAsync(caseId, Ct)).Should().BeSameAs(before, "a refused command saves nothing");
            (before is null ? 0 : (await s.Store.GetHistoryAsync(caseId, Ct)).Count).Should().Be(historyBefore, "a refused command writes no history");
            return;
        }

        Json(Read(arrangement.Stored(result.Case, command), segments[1..]), member.PropertyType).Should().Be(engines,
            $"{path} arrived as {sent}; the engine's value is stored, never the sender's");
    }

    /// <summary>
    /// Every member reachable from <paramref name="type"/> through JSON that JSON can set and a host cannot: the path from
    /// the command (through lists by their first item) and the member. A member the engine owns is not walked into.
    /// </summary>
    private static IEnumerable<(string Path, PropertyInfo Member)> EngineOwnedPaths(Type type)
    {
        return Walk(type, string.Empty, []);

        static IEnumerable<(string, PropertyInfo)> Walk(Type type, string prefix, HashSet<Type> seen)
        {
            if (!seen.Add(type))
            {
                yield break;
            }

            foreach (var json in Web.GetTypeInfo(type).Properties.Where(p => p.Set is not null))
            {
                var property = (PropertyInfo)json.AttributeProvider!;
                var path = prefix + property.Name;
                if (property.SetMethod is not { IsPublic: true })
                {
                    yield return (path, property);
                    continue;
                }

                var inner = ItemType(property.PropertyType);
                if (inner.Assembly == typeof(SipCommand).Assembly && Web.GetTypeInfo(inner).Kind == JsonTypeInfoKind.Object)
                {
                    foreach (var found in Walk(inner, path + ".", [.. seen]))
                    {
                        yield return found;
                    }
                }
            }
        }
    }

    private static Type ItemType(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        return bare != typeof(string) && bare.GetInterfaces().Append(bare).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } list
            ? list.GetGenericArguments()[0]
            : bare;
    }

    /// <summary>The command as a JSON body would give it: serialised, the member set in the JSON, read back.</summary>
    private static SipCommand WithMemberSetByJson(SipCommand command, string[] segments, string value)
    {
        var node = JsonSerializer.SerializeToNode(command, command.GetType(), Web)!;
        var owner = node;
        var type = command.GetType();
        foreach (var segment in segments[..^1])
        {
            var property = Web.GetTypeInfo(type).Properties.Single(p => ((PropertyInfo)p.AttributeProvider!).Name == segment);
            owner = owner[property.Name] switch
            {
                JsonArray { Count: > 0 } items => items[0]!,
                JsonObject inner => inner,
                _ => throw new InvalidOperationException(
                    $"The valid {command.GetType().Name} of {nameof(Arrangements)} has no {segment} (or an empty list); give it one so that {string.Join('.', segments)} can be set."),
            };
            type = ItemType(property.PropertyType);
        }

        var name = Web.GetTypeInfo(type).Properties.Single(p => ((PropertyInfo)p.AttributeProvider!).Name == segments[^1]).Name;
        owner[name] = JsonNode.Parse(value);
        return (SipCommand)node.Deserialize(command.GetType(), Web)!;
    }

    /// <summary>The value at <paramref name="segments"/> below <paramref name="root"/>, through lists on the way by their first item.</summary>
    private static object? Read(object? root, IReadOnlyList<string> segments)
    {
        var value = root;
        for (var i = 0; i < segments.Count; i++)
        {
            value.Should().NotBeNull($"the path reaches {segments[i]}");
            var property = value!.GetType().GetProperty(segments[i])!;
            value = property.GetValue(value);
            if (i < segments.Count - 1 && value is IEnumerable items && ItemType(property.PropertyType) != property.PropertyType)
            {
                value = items.Cast<object?>().FirstOrDefault();
            }
        }

        return value;
    }

    private static string Json(object? value, Type type) => JsonSerializer.Serialize(value, type, Web);

    /// <summary>
    /// A value JSON would give the member that is not its default and differs from what the engine stores, so that the
    /// stored case tells the sender's value from the engine's.
    /// </summary>
    private static string SenderValue(Type type, string engines, string path)
    {
        var candidates = Candidates(type).Select(v => Json(v, type)).Where(json => json != engines && json != Json(Default(type), type)).ToList();
        candidates.Should().NotBeEmpty(
            $"{path} is a {type.Name}; add to {nameof(Candidates)} a value of it that is not its default and differs from the engine's ({engines})");
        return candidates[0];
    }

    private static object? Default(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    private static IEnumerable<object?> Candidates(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        if (bare == typeof(DateTimeOffset))
        {
            return [SipTestData.Start.AddDays(-3).AddMinutes(17), SipTestData.Start.AddDays(-5)];
        }

        if (bare == typeof(DateOnly))
        {
            return [new DateOnly(2031, 5, 17)];
        }

        if (bare == typeof(int))
        {
            return [42, 43];
        }

        if (bare == typeof(bool))
        {
            return [true];
        }

        if (bare.IsEnum)
        {
            return Enum.GetValues(bare).Cast<object>().Where(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0);
        }

        if (bare == typeof(ParticipantId))
        {
            return [ParticipantId.New()];
        }

        if (bare == typeof(LeadPrincipal))
        {
            return [new LeadPrincipal { Principal = PrincipalKind.Region, Organisation = new OrganisationReference { Name = "Avsändarens egen enhet" } }];
        }

        if (bare == typeof(FollowUpBooking))
        {
            return [new FollowUpBooking { At = SipTestData.Start.AddYears(1), Place = "Avsändarens plats" }];
        }

        if (ItemType(bare) is var item && item != bare)
        {
            return Candidates(item).Select(v =>
            {
                var list = Array.CreateInstance(item, 1);
                list.SetValue(v, 0);
                return (object?)list;
            });
        }

        return HostileInputTests.Samples.TryGetValue(bare, out var sample) ? [sample()] : [];
    }

    /// <summary>How to build a valid command on a case in the right state, and where its value is stored.</summary>
    /// <param name="Root">The command's member that carries the value.</param>
    /// <param name="ArrangeAsync">Brings a case of the scenario to the state and builds the command.</param>
    /// <param name="Stored">The stored counterpart of <paramref name="Root"/> in the case after the command.</param>
    private sealed record Arrangement(string Root, Func<SipScenario, Task<SipCommand>> ArrangeAsync, Func<SipCase, SipCommand, object?> Stored);

    private static Arrangement For<T>(string root, Func<SipScenario, Task<T>> arrangeAsync, Func<SipCase, T, object?> stored)
        where T : SipCommand
        => new(root, async s => await arrangeAsync(s), (c, command) => stored(c, (T)command));

    private static Participant Unit(SipCase c, ParticipantKind kind) => c.Participants.Single(p => p.Kind == kind);

    private static readonly Dictionary<Type, Arrangement> Arrangements = new()
    {
        [typeof(OpenCase)] = For(nameof(OpenCase.Individual),
            s => Task.FromResult(new OpenCase { Actor = s.Actor, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region }),
            (c, _) => c.Individual),
        [typeof(RecordConsent)] = For(nameof(RecordConsent.Consent),
            async s => new RecordConsent { CaseId = (await s.OpenAsync()).Id, Actor = s.Actor, Consent = SipTestData.OwnConsent(s.Time.GetUtcNow()) },
            (c, command) => c.Consents.Single(x => x.Id == command.Consent.Id)),
        [typeof(AddParticipant)] = For(nameof(AddParticipant.Participant),
            async s =>
            {
                var c = await s.ConsentedAsync();
                await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor });
                return new AddParticipant
                {
                    CaseId = c.Id, Actor = s.Actor,
                    Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit, HasMandateToDecide = true },
                };
            },
            (c, command) => c.FindParticipant(command.Participant.Id)),
        [typeof(ForwardSummons)] = For(nameof(ForwardSummons.To),
            async s =>
            {
                var c = await s.SummonedAsync();
                return new ForwardSummons
                {
                    CaseId = c.Id, Actor = s.Actor, From = Unit(c, ParticipantKind.SocialServices).Id,
                    To = new Participant { Kind = ParticipantKind.MunicipalHealthCare, Organisation = SipTestData.HomeCareUnit, HasMandateToDecide = true },
                };
            },
            (c, command) => c.FindParticipant(command.To.Id)),
        [typeof(RecordSummonsReply)] = For(nameof(RecordSummonsReply.Reply),
            async s =>
            {
                var c = await s.SummonedAsync();
                return new RecordSummonsReply
                {
                    CaseId = c.Id, Actor = s.Actor,
                    Reply = new SummonsReply { MeetingId = c.PlanMeeting!.Id, ParticipantId = Unit(c, ParticipantKind.SocialServices).Id, Answer = SummonsAnswer.Declined, Reason = "Sjuk." },
                };
            },
            (c, _) => c.SummonsReplies[^1]),
        [typeof(EstablishPlan)] = For(nameof(PlanCommand.Plan),
            async s => SipTestData.CompletePlan((await s.SummonedAsync()).Id, s.Time.GetUtcNow().AddMonths(3)),
            (c, _) => c.Plan),
        [typeof(RevisePlan)] = For(nameof(PlanCommand.Plan),
            async s => SipTestData.CompleteRevision((await s.FollowedUpAsync()).Id, s.Time.GetUtcNow().AddMonths(3)),
            (c, _) => c.Plan),
        [typeof(RecordFollowUp)] = For(nameof(RecordFollowUp.FollowUp),
            async s =>
            {
                var c = await s.PlanEstablishedAsync();
                s.Time.SetUtcNow(c.FollowUpBooking!.At);
                return new RecordFollowUp { CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Går framåt." } };
            },
            (c, command) => c.FollowUps.Single(f => f.Id == command.FollowUp.Id)),
        [typeof(UpdateInterventionStatus)] = For(nameof(UpdateInterventionStatus.Change),
            async s =>
            {
                var c = await s.PlanEstablishedAsync();
                return new UpdateInterventionStatus
                {
                    CaseId = c.Id, Actor = s.Actor, Change = new InterventionStatusChange { InterventionId = c.Plan!.Interventions[0].Id, Status = InterventionStatus.Ongoing },
                };
            },
            (c, _) => c.InterventionStatusChanges[^1]),
        [typeof(RecordSituationChange)] = For(nameof(RecordSituationChange.Change),
            async s => new RecordSituationChange
            {
                CaseId = (await s.PlanEstablishedAsync()).Id, Actor = s.Actor,
                Change = new SituationChange { OccurredAt = s.Time.GetUtcNow(), Description = "Flyttat till särskilt boende." },
            },
            (c, _) => c.SituationChanges[^1]),
        [typeof(RecordEvaluation)] = For(nameof(RecordEvaluation.Evaluation),
            async s =>
            {
                var c = await s.SummonedAsync();
                return new RecordEvaluation
                {
                    CaseId = c.Id, Actor = s.Actor,
                    Evaluation = new Evaluation { MeetingId = c.PlanMeeting!.Id, Respondent = EvaluationRespondent.Individual, Answers = [new EvaluationAnswer { QuestionId = "heard", Score = 4 }] },
                };
            },
            (c, command) => c.Evaluations.Single()),
        [typeof(RecordDeviation)] = For(nameof(RecordDeviation.Deviation),
            async s => new RecordDeviation
            {
                CaseId = (await s.ConsentedAsync()).Id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Kallelsen kom fram sent." },
            },
            (c, command) => c.Deviations.Single(d => d.Id == command.Deviation.Id)),
        [typeof(DocumentClosing)] = For(nameof(DocumentClosing.Closing),
            async s =>
            {
                var c = await s.PlanEstablishedAsync();
                await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.MovedAway });
                return new DocumentClosing
                {
                    CaseId = c.Id, Actor = s.Actor, Closing = new PrincipalClosing { Principal = PrincipalKind.Region, Organisation = SipTestData.PrimaryCareUnit },
                };
            },
            (c, _) => c.PrincipalClosings[^1]),
        [typeof(AppointFixedCareContact)] = For(nameof(AppointFixedCareContact.FixedCareContact),
            async s => new AppointFixedCareContact
            {
                CaseId = (await s.OpenAsync(origin: CaseOrigin.InpatientAdmission(s.Time.GetUtcNow().AddDays(-1)))).Id, Actor = s.Actor,
                FixedCareContact = SipTestData.FixedCareContactAtPrimaryCare,
            },
            (c, _) => c.CurrentDischarge!.FixedCareContact),
    };
}
