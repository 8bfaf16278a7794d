using System.Reflection;
using System.Text.Json.Serialization;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Tests.Storage;

/// <summary>Every enum a stored document holds has its wire names pinned, independently of the C# member names.</summary>
public sealed class WireNameTests
{
    private static IEnumerable<Type> StoredEnums()
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(SipCase), typeof(SipEvent)]);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type) || type.Assembly != typeof(SipCase).Assembly && !type.IsGenericType)
            {
                continue;
            }

            if (type.IsEnum)
            {
                yield return type;
                continue;
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                pending.Push(argument);
            }

            if (type.Assembly == typeof(SipCase).Assembly)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null))
                {
                    pending.Push(property.PropertyType);
                }
            }
        }
    }

    [Fact]
    public void Every_member_of_every_stored_enum_has_a_pinned_wire_name()
    {
        var enums = StoredEnums().ToList();
        enums.Should().Contain([typeof(SipState), typeof(ConsentScope), typeof(ParticipantKind), typeof(ClosureReason)]);
        foreach (var field in enums.SelectMany(e => e.GetFields(BindingFlags.Public | BindingFlags.Static)))
        {
            field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>().Should().NotBeNull(
                $"{field.DeclaringType!.Name}.{field.Name} is stored; pin its wire name so a rename does not change the stored format");
        }
    }

    [Fact]
    public void A_case_document_writes_the_pinned_names()
    {
        var json = SipJson.SerializeCase(new SipCase
        {
            Id = SipCaseId.New(),
            Individual = new Individual { Reference = new SubjectReference("p-1") },
            Origin = CaseOrigin.Outpatient(),
            IdentifiedBy = PrincipalKind.Municipality,
            OpenedAt = DateTimeOffset.UnixEpoch.AddYears(56),
            PolicyName = "Nationell",
        });
        json.Should().Contain("\"state\":\"NeedIdentified\"").And.Contain("\"identifiedBy\":\"Municipality\"").And.Contain("\"kind\":\"Outpatient\"");
    }
}
