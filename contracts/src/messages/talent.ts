import { defineMessages } from './core';

/**
 * Messages of the talent module (server/src/modules/talent): people, secondments and their reports, institution
 * pairings and agreements. `field_…` keys are the shorter texts shown beside one field of a form.
 */
export const talentMessages = defineMessages('talent', {
  'talent.org.unknown': 'Unknown organisation',
  'talent.org.field_unknown': 'unknown organisation',
  'talent.org.not_in_partnership': "The organisation's region is in no partnership",
  'talent.org.field_not_in_partnership': 'not in a paired region',
  'talent.field.invalid': 'The record has invalid fields: {{fields}}',
  'talent.field.on_or_after': 'must be on or after {{date}}',

  'talent.person.not_found': 'Person not found',
  'talent.person.out_of_scope': 'This person belongs to an organisation outside your scope',
  'talent.person.partner_read_only': "The partner region's records are read-only for you",
  'talent.person.duplicate': 'A person with this ID number is already registered',
  'talent.person.field_already_registered': 'already registered',
  'talent.person.id_format': 'ID number must be 17 digits followed by a digit or X',
  'talent.person.id_region': 'ID number region code {{code}} is not a known division',
  'talent.person.id_birth_date': 'ID number birth date {{date}} is not a possible date',
  'talent.person.id_check_digit': 'ID number check digit is wrong',
  'talent.person.title_not_for_sector': 'this title does not belong to the chosen sector',
  'talent.person.field_unknown': 'unknown person',

  'talent.secondment.not_found': 'Secondment not found',
  'talent.secondment.out_of_scope': 'This secondment belongs to an organisation outside your scope',
  'talent.secondment.overlap': 'This person already has a term from {{startsOn}} to {{endsOn}} that overlaps',
  'talent.secondment.field_overlap': 'overlaps the term {{startsOn}} – {{endsOn}}',
  'talent.secondment.host_not_partner': "must be an organisation in the home region's partner region",
  'talent.secondment.unknown_programme': 'unknown programme',

  'talent.pairing.not_found': 'Pairing not found',
  'talent.pairing.out_of_scope': 'Neither institution of this pairing is in your scope',
  'talent.pairing.not_west': 'must be an institution of the western region (城口)',
  'talent.pairing.not_east': 'must be an institution of the eastern region (临沂)',
  'talent.pairing.kind_mismatch': 'must be a {{kind}}',
  'talent.pairing.duplicate': 'These two institutions are already paired',
  'talent.pairing.field_duplicate': 'already paired with this institution',

  'talent.demand.not_found': 'Demand not found',
  'talent.demand.out_of_scope': 'This demand belongs to an organisation outside your scope',
  'talent.demand.partner_read_only': "Only the host institution's side changes its demands",
  'talent.demand.filled': 'This demand has no place left: {{headcount}} ordered or approved',
  'talent.demand.closed': 'This demand is closed',

  'talent.dispatch.not_found': 'Dispatch order not found',
  'talent.dispatch.out_of_scope': 'This dispatch order is outside your scope',
  'talent.dispatch.not_partner': "must be a person of the host's partner region",
  'talent.dispatch.not_professional': 'must be a professional',
  'talent.dispatch.excluded': 'This person does not fit the demand: {{reasons}}',
  'talent.dispatch.field_excluded': 'does not fit the demand',
  'talent.dispatch.duplicate': 'This person already has an order for this demand',
  'talent.dispatch.decided': 'This order was already {{status}}',
  'talent.dispatch.own_order': 'The sending unit approves an order; whoever issued it cannot',
  'talent.dispatch.not_sender': 'Only the sending unit approves its people’s orders',

  'talent.activity.not_found': 'Activity not found',
  'talent.activity.out_of_scope': 'This activity belongs to an organisation outside your scope',
  'talent.activity.signins_own_side': 'Only the side keeping the activity sees who signed in',
  'talent.activity.field_too_long': 'may last at most {{days}} days',
  'talent.activity.field_ends_after_start': 'must be after the start',
  'talent.activity.field_unknown_link': 'unknown record',
  'talent.signin.full': 'This activity already has {{max}} sign-ins, the most one activity takes',
  'talent.signin.too_many': 'Too many sign-ins at once; please try again in a minute',
  'talent.signin.closed': 'Sign-in for this activity closed at {{closesAt}}',
  'talent.signin.not_open': 'Sign-in for this activity opens at {{opensAt}}',

  'talent.mentorship.field_direction_of_mentor': "must follow the mentor's side",
  'talent.mentorship.field_sector_of_mentor': "must be the mentor's sector",
  'talent.mentorship.not_found': 'Mentorship not found',
  'talent.mentorship.out_of_scope': 'This mentorship belongs to an organisation outside your scope',

  'talent.import.unknown_title': 'Unknown title {{value}}',
  'talent.import.same_id_as_row': 'Same ID number as row {{row}}',
});
