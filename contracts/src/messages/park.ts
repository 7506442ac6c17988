import { defineMessages } from './core';

/**
 * Messages of the industrial park module (server/src/modules/park): investment projects and their stages, ceremony
 * batches, the enterprise registry and its contacts. `field_…` keys are the shorter texts beside one form field.
 */
export const parkMessages = defineMessages('park', {
  'park.validation.amount_yi': 'must be an amount in 100 million yuan with at most 8 decimals',
  'park.validation.amount_positive': 'must be more than zero',
  'park.validation.industry_code': 'must be a GB/T 4754-2017 class code such as C3453',
  'park.validation.whole_yuan': 'must be a whole number of yuan',

  'park.org.unknown': 'Unknown organisation',
  'park.org.field_unknown': 'unknown organisation',
  'park.field.in_future': 'must not be in the future',

  'park.project.not_found': 'Investment project not found',
  'park.project.invalid_fields': 'The project has invalid fields: {{fields}}',
  'park.project.field_unknown_org': 'unknown organisation',

  'park.stage.unchanged': 'The project is already at this stage',
  'park.stage.back_needs_reason': 'A project goes back to an earlier stage only with a reason',
  'park.stage.field_reason_required': 'a reason is required to go back',
  'park.stage.before_previous': 'The stage cannot start before the current stage began ({{date}})',
  'park.stage.field_on_or_after': 'must be on or after {{date}}',
  'park.stage.in_future': 'A stage cannot start in the future',

  'park.batch.not_found': 'Ceremony batch not found',
  'park.batch.invalid_fields': 'The ceremony batch has invalid fields: {{fields}}',
  'park.batch.field_unknown_projects': '{{count}} unknown project(s) or outside your scope',
  'park.batch.field_past_stage': '{{count}} project(s) are already past this stage and cannot join',
  'park.batch.field_after_day': "{{count}} project(s) reached their current stage after the ceremony's day",

  'park.enterprise.not_found': 'Enterprise not found in the registry',
  'park.enterprise.invalid_fields': 'The enterprise has invalid fields: {{fields}}',
  'park.enterprise.duplicate': 'This organisation is already in the park registry',
  'park.import.out_of_scope': 'not an organisation of your park: you may not register it',
  'park.import.same_enterprise_as_row': 'the same enterprise as row {{row}}',
  'park.import.field_unknown_category': 'not a project category: {{value}}',
  'park.import.field_unknown_stage': 'not a stage: {{value}}',
  'park.import.field_yes_no': 'must be yes or no',
  'park.import.field_link_ambiguous': 'several chains have a link of this name: write it as “chain/link”',
  'park.import.project_exists': 'the park already keeps a project of this name and investor',
  'park.import.changed': 'Projects of this sheet were recorded after the upload (the sheet confirmed twice?): upload it again',
  'park.import.same_project_as_row': 'the same project as row {{row}}',
  'park.import.field_not_registered': 'not an enterprise of your park registry',
  'park.import.same_year_as_row': 'the same enterprise and year as row {{row}}',
  'park.enterprise.field_not_enterprise': 'must be an organisation of kind enterprise',
  'park.enterprise.field_unknown_industry': 'not a shipped GB/T 4754-2017 class code: {{code}}',
  'park.enterprise.field_already_registered': 'already registered',

  'park.contact.not_found': 'Contact not found',
  'park.enterprise.field_unknown': 'unknown registry enterprise',

  'park.validation.percent': 'must be a percentage from 0 to 100 with at most 4 decimals',
  'park.retrofit.not_found': 'Smart-retrofit project not found',
  'park.retrofit.invalid_fields': 'The retrofit project has invalid fields: {{fields}}',
  'park.retrofit.field_subsidy_over_budget': 'the subsidy cannot exceed the budget',
  'park.retrofit.field_completed_before_start': 'must not be before the start',

  'park.certification.not_found': 'Certification not found',
  'park.certification.invalid_fields': 'The certification has invalid fields: {{fields}}',
  'park.certification.wrong_status': "Not possible at the certification's current step",
  'park.certification.field_retrofit_other': 'not a retrofit of this enterprise',
  'park.certification.field_unknown_items': 'not items of this checklist: {{codes}}',
  'park.certification.field_over_max': 'item {{code}} scores at most {{max}}',
  'park.certification.field_items_missing': 'every checklist item needs one score; missing: {{codes}}',
  'park.certification.field_below_pass': 'the review scored {{score}}, a certificate needs {{pass}}',
  'park.certification.field_number_required': 'a certificate number is required',
  'park.certification.field_valid_after': 'must be after the decision day',
  'park.certification.number_taken': 'Another certificate has this number',
  'park.certification.field_number_taken': 'already used',

  'park.validation.site_code': 'must be 1–20 letters, digits or hyphens',
  'park.site.not_found': 'Site not found',
  'park.site.invalid_fields': 'The site or lease has invalid fields: {{fields}}',
  'park.site.code_taken': 'Another site of the park has this code',
  'park.site.field_code_taken': 'already used',
  'park.site.field_leased': 'a leased site changes status only when its lease ends',
  'park.site.field_area_below_lease': 'the running lease takes {{area}} m²',
  'park.site.field_area_over': 'the site has {{area}} m²',
  'park.site.field_ends_after_start': 'must be after the start',
  'park.site.already_leased': 'The site is already leased',
  'park.site.not_leased': 'The site has no running lease',

  'park.chain.link_not_found': 'Chain link not found',
  'park.chain.field_unknown_link': "not a link of this administration's chains",
  'park.validation.chain_code': 'must be 1–30 lowercase letters, digits, hyphens or underscores',
  'park.chain.not_found': 'Industrial chain not found',
  'park.chain.invalid_fields': 'The chain has invalid fields: {{fields}}',
  'park.chain.field_code_taken': 'another chain of the administration has this code',
  'park.chain.field_name_taken': 'another link of this chain has this name',
  'park.chain.field_same_link': 'a link cannot supply itself',
  'park.chain.field_edge_exists': 'these links are already connected',
  'park.chain.link_in_use':
    'The link “{{link}}” cannot be deleted while enterprises are on it ({{enterprises}}) or projects fill it ({{projects}}): take the enterprises off and point the projects at another link first',
  'park.chain.in_use': 'The chain “{{chain}}” cannot be deleted while its links hold enterprises or projects fill them ({{links}}): clear or delete those links first',
  'park.chain.field_order_links': 'must name every link of the chain once',
});
