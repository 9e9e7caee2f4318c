using System.CommandLine;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Cli;

/// <summary>Enum options that accept only named values: System.CommandLine parses any number into an enum (<c>--role 99</c>).</summary>
public static class DefinedEnum
{
    /// <summary>Adds a check that the value names a member of <typeparamref name="T"/>; otherwise a usage error naming the option.</summary>
    public static Option<T> DefinedOnly<T>(this Option<T> option)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        option.Validators.Add(result =>
        {
            // The tokens, not the value: a token that is no enum at all is already System.CommandLine's own error.
            foreach (var token in result.Tokens)
            {
                if (Enum.TryParse(type, token.Value, ignoreCase: true, out var value) && !Enum.IsDefined(type, value))
                {
                    result.AddError(Say("Enum_NotOneOf", option.Name, token.Value, string.Join(", ", Enum.GetNames(type))));

                }
            }
        });
        return option;
    }
}
