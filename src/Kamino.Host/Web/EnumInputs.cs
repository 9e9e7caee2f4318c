using System.Reflection;
using System.Text.Json;

namespace Kamino.Host.Web;

/// <summary>
/// Refuses enum values that name no member (<c>{"role": 99}</c>): JSON, route and query binding accept any number
/// for an enum, and an undefined value would be stored. Checks the endpoint's enum parameters and the enum
/// properties of its request bodies (Kamino's own types); answers 400 with a validation problem naming the field.
/// </summary>
internal static class EnumInputs
{
    private sealed record Check(int Index, string Field, PropertyInfo? Property, Type Enum);

    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var checks = new List<Check>();
        foreach (var p in context.MethodInfo.GetParameters())
        {
            var type = p.ParameterType;
            if (EnumType(type) is { } e)
            {
                checks.Add(new Check(p.Position, p.Name ?? "value", null, e));
            }
            else if (type.IsClass && type.Assembly.GetName().Name?.StartsWith("Kamino", StringComparison.OrdinalIgnoreCase) == true
                && services?.IsService(type) != true && type.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static) is null)
            {
                checks.AddRange(type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(prop => EnumType(prop.PropertyType) is not null)
                    .Select(prop => new Check(p.Position, JsonNamingPolicy.CamelCase.ConvertName(prop.Name), prop, EnumType(prop.PropertyType)!)));
            }
        }

        if (checks.Count == 0)
        {
            return next;
        }

        return async invocation =>
        {
            Dictionary<string, string[]>? errors = null;
            foreach (var check in checks)
            {
                var argument = invocation.Arguments[check.Index];
                var value = check.Property is null || argument is null ? argument : check.Property.GetValue(argument);
                if (value is not null && !Enum.IsDefined(check.Enum, value))
                {
                    errors ??= [];
                    errors[check.Field] = [$"'{value}' is not one of: {string.Join(", ", Enum.GetNames(check.Enum))}."];
                }
            }

            return errors is null ? await next(invocation) : TypedResults.ValidationProblem(errors);
        };
    }

    private static Type? EnumType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e ? e : null;
}
